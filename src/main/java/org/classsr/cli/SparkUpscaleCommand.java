package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.classsr.geo.GeoSettings;
import org.classsr.spark.DistributedUpscaler;
import org.classsr.spark.JobReport;
import org.classsr.spark.JobRequest;
import org.classsr.spark.SparkJobSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code classsr upscale}: the distributed job (alias {@code spark-upscale}). Embedded Spark local mode on all cores by
 * default; any master with {@code --master} or {@code classsr.spark.master}; under spark-submit
 * the submitted master wins.
 */
@Command(name = "upscale", aliases = "spark-upscale", mixinStandardHelpOptions = true,
        description = {"Upscale images with the distributed Spark job (local mode by default).",
            "Inputs and output may be local paths or file:, s3a:, hdfs: URIs; folders/prefixes are read recursively."})
public final class SparkUpscaleCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--output", paramLabel = "URI", required = true, description = "Output folder or prefix.")
    String output;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: classsr.spark.master, local[*]).")
    String master;

    @Mixin
    ClassMapOption classMapOption;

    @Option(names = "--format", paramLabel = "EXT", description = "Output format: png, jpg, tif, bmp, webp (default: as input). PNG and TIFF stream any size.")
    String format;

    @Option(names = "--overwrite", description = "Redo images whose output is already committed (default: skip them).")
    boolean overwrite;

    @Option(names = "--hr", paramLabel = "URI", description = "Folder of ground-truth HR images named like the inputs: adds PSNR/SSIM on Y.")
    String hr;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON report to this local file.")
    Path json;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files, folders or prefixes.")
    List<String> inputs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = run.out();
        PrintWriter err = run.err();
        Settings settings = run.load();
        SparkJobSettings job = run.settingsOptions.sparkJob(master);
        if (!job.local() && System.getenv("CLASSSR_LOOPBACK_DRIVER") != null) {
            // submit/classsr saw no cluster master and bound the driver to loopback, where no executor reaches it.
            throw new IllegalArgumentException("master " + job.master() + " is not local, but submit/classsr bound Spark's"
                    + " driver to loopback (SPARK_LOCAL_IP=127.0.0.1): pass --master on the command line,"
                    + " or set SPARK_LOCAL_IP to this host's address");
        }
        String outFormat = format != null ? format.toLowerCase() : settings.outputFormat();
        JobRequest request = new JobRequest(inputs, output, settings.model(), settings.engine(),
                settings.maxPixels(), outFormat.equals("jpeg") ? "jpg" : outFormat.equals("tiff") ? "tif" : outFormat,
                classMapOption.wanted(settings), overwrite, hr, settings.budget());
        GeoSettings geo = run.settingsOptions.geo();
        SparkSession spark = DistributedUpscaler.session(job);
        JobReport report;
        try {
            report = DistributedUpscaler.run(spark, job, request, geo, err);
        } catch (Exception e) {
            // SparkException is checked but thrown undeclared from Scala, hence the test.
            if (!(e instanceof SparkException)) {
                throw e;
            }
            // A fault no image is to blame for (a broken model on the executors, lost storage):
            // Spark retried and gave up. One line; Spark's log has the rest.
            err.println("error: the Spark job failed: " + firstLine(e));
            return 1;
        } finally {
            spark.stop();
        }
        out.print(report.table());
        if (json != null) {
            Reports.writeJson(json, report.toJson());
        }
        Reports.printFailures(report.failures(), err);
        out.flush();
        return report.imagesFailed() == 0 ? 0 : 1;
    }

    /** The first line of a failure's message (Spark's holds the remote stack trace after it). */
    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = m.indexOf('\n');
        return (end < 0 ? m : m.substring(0, end)).strip();
    }
}
