package org.classsr.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.classsr.archive.ArchiveLimits;
import org.classsr.model.Sha256;
import org.classsr.spark.HadoopFiles;
import org.classsr.spark.InputLister;

/**
 * {@code classsr dataset --hr}: a training dataset from folders or prefixes of HR images.
 *
 * <p>The driver lists the images (names only, sorted per input), plans one shard per fixed group
 * of images ({@link ShardPlan}), runs a {@link ShardTask} per shard (in a loop, or as Spark
 * tasks), and then writes from the tasks' records {@code manifest.tsv} (every image: path,
 * size, samples, shard), {@code failures.tsv} (bad images and why; they never stop the job) and,
 * last, {@code index.json}, which {@code train} reads. The driver never holds pixels.
 */
public final class HrDatasetJob {

    public static final String MANIFEST = "manifest.tsv";
    public static final String FAILURES = "failures.tsv";

    /** How the shard tasks are run: a loop in this JVM, or a Spark job. */
    @FunctionalInterface
    public interface Runner {
        List<ShardOutcome> run(List<ShardPlan> plans, ShardTask task) throws IOException;
    }

    /**
     * What was asked.
     *
     * @param inputs         files, folders or prefixes (local paths, file:, hdfs:, s3a: URIs)
     * @param output         dataset folder or prefix
     * @param split          the split name recorded in the manifest and index
     * @param imagesPerShard images per shard (the unit of work and of a rerun)
     */
    public record Request(List<String> inputs, String output, String split, JobSettings job, int imagesPerShard) {
    }

    /** What was done: the index written, shards made and skipped (finished by an earlier run), and the bad inputs. */
    public record Outcome(DatasetIndex index, int shardsWritten, int shardsSkipped, Map<String, String> failures) {
    }

    private HrDatasetJob() {
    }

    /** The one-JVM run: the same tasks, one after another. */
    public static Outcome runLocal(Request request) throws IOException {
        return run(request, HadoopFiles.conf(), (plans, task) -> {
            List<ShardOutcome> out = new ArrayList<>();
            for (ShardPlan p : plans) {
                out.add(task.call(p));
            }
            return out;
        });
    }

    /** The Spark run: one task per shard; on a cluster master the labelling models are shipped to the executors. */
    public static Outcome runSpark(SparkSession spark, Request request) throws IOException {
        return runSpark(spark, request, !spark.sparkContext().isLocal());
    }

    /**
     * The Spark run, with {@code shipModels}: a labelled run sends its two model folders to the
     * executors as archives ({@link LabelSettings#shipped}), for nodes that do not see the
     * driver's paths ({@code classsr.spark.ship-model}).
     */
    public static Outcome runSpark(SparkSession spark, Request request, boolean shipModels) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Request r = request;
        if (shipModels && request.job().labels() != null) {
            r = new Request(request.inputs(), request.output(), request.split(),
                    request.job().withLabels(request.job().labels().shipped(sc)), request.imagesPerShard());
        }
        return run(r, sc.hadoopConfiguration(),
                (plans, task) -> sc.parallelize(plans, Math.max(1, plans.size())).map(task).collect());
    }

    static Outcome run(Request request, Configuration conf, Runner runner) throws IOException {
        String output = HadoopFiles.qualify(request.output()).replaceAll("/+$", "");
        Map<String, String> failures = new LinkedHashMap<>();
        // Folders, prefixes and files as upscale lists them; a named archive contributes its image members.
        InputLister.Listing listing = InputLister.list(request.inputs(), conf,
                ArchiveLimits.forPixels(request.job().maxPixels()));
        failures.putAll(listing.missing());
        List<String> files = listing.files();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images found in " + request.inputs()
                    + (failures.isEmpty() ? "" : " (" + failures + ")"));
        }
        HadoopFiles.fs(output, conf).mkdirs(new org.apache.hadoop.fs.Path(output));
        JobSettings job = request.job().withOutput(output);
        if (job.labels() != null) {
            job.labels().checkFits(job.patchSize(), job.scale()); // before any task: one clear message
        }
        List<ShardPlan> plans = ShardPlan.of(files, listing.members(), request.imagesPerShard());
        List<ShardOutcome> outcomes = runner.run(plans, new ShardTask(job));

        List<DatasetIndex.SourceImage> images = new ArrayList<>();
        List<DatasetIndex.Shard> shards = new ArrayList<>();
        LabelSettings labels = job.labels();
        StringBuilder manifest = new StringBuilder("path\tsplit\twidth\theight\tsamples\tshard");
        long[] perClass = null;
        if (labels != null) { // a labelled dataset: samples per class of each image, in class order
            perClass = new long[labels.labels().classes().size()];
            labels.labels().classes().forEach(c -> manifest.append('\t').append(c));
        }
        manifest.append('\n');
        long total = 0;
        int skipped = 0;
        for (ShardOutcome o : outcomes) {
            ShardDone done = ShardDone.parse(o.doneJson().getBytes(StandardCharsets.UTF_8));
            skipped += o.skipped() ? 1 : 0;
            for (DatasetIndex.SourceImage img : done.result().images()) {
                images.add(img);
                manifest.append(img.path()).append('\t').append(request.split()).append('\t').append(img.width())
                        .append('\t').append(img.height()).append('\t').append(img.samples()).append('\t')
                        .append(done.result().file());
                if (perClass != null) {
                    for (int k = 0; k < perClass.length; k++) {
                        int n = img.classes() == null ? 0 : img.classes().get(k);
                        manifest.append('\t').append(n);
                        perClass[k] += n;
                    }
                }
                manifest.append('\n');
            }
            failures.putAll(done.result().failures());
            if (done.result().samples() > 0) { // an empty shard (all its images bad) is not listed
                shards.add(new DatasetIndex.Shard(done.result().file(), done.result().samples(), done.result().sha256()));
                total += done.result().samples();
            }
        }
        byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder failed = new StringBuilder("input\treason\n");
        failures.forEach((k, v) -> failed.append(k).append('\t').append(v).append('\n'));
        HadoopFiles.writeAtomically(output + "/" + MANIFEST, conf, o -> o.write(manifestBytes));
        HadoopFiles.writeAtomically(output + "/" + FAILURES, conf,
                o -> o.write(failed.toString().getBytes(StandardCharsets.UTF_8)));
        DatasetIndex.Labels labelled = labels == null ? null
                : labels.labels().withCounts(Arrays.stream(perClass).boxed().toList());
        DatasetIndex index = new DatasetIndex(DatasetIndex.FORMAT, job.format().version(), job.patchSize(), job.scale(),
                job.step(), request.split(), job.maxPerImage(), job.seed(), Sha256.of(manifestBytes), total, images, shards,
                labelled);
        byte[] indexJson = index.json();
        HadoopFiles.writeAtomically(output + "/" + DatasetIndex.FILE_NAME, conf, o -> o.write(indexJson));
        return new Outcome(index, outcomes.size() - skipped, skipped, failures);
    }
}
