package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.classsr.dataset.DataSource;
import org.classsr.dataset.DatasetBuilder;
import org.classsr.dataset.DatasetIndex;
import org.classsr.dataset.DatasetSettings;
import org.classsr.dataset.HrDatasetJob;
import org.classsr.dataset.JobSettings;
import org.classsr.dataset.LabelSettings;
import org.classsr.spark.DistributedUpscaler;
import org.classsr.spark.SparkJobSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code classsr dataset}: cut training images into HR/LR sub-image shards. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Cut the images of a data folder (manifest.tsv + images/), or folders of HR images (--hr, "
                + "optionally as a Spark job), into HR sub-images and their bicubic LR counterparts, stored in "
                + "shards with an index.json.")
public final class DatasetCommand implements Callable<Integer> {

    @Mixin
    CommandOptions options;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder made by submit/fetch-training-data.sh (manifest.tsv, images/), or a .zip/.tar/.tar.gz of one.")
    Path data;

    @Option(names = "--hr", paramLabel = "DIR|URI", arity = "1..*",
            description = "Instead of --data: HR image files, folders or prefixes (local, hdfs://, s3a://), all in one split.")
    List<String> hr;

    @Option(names = "--output", paramLabel = "DIR", required = true,
            description = "Dataset folder to write (with --hr also an hdfs:// or s3a:// prefix).")
    String output;

    @Option(names = "--spark", description = "With --hr: run as a Spark job, one task per shard (same shards as without).")
    boolean spark;

    @Option(names = "--master", paramLabel = "URL", description = "With --spark: Spark master (default: classsr.spark.master, local[*]).")
    String master;

    @Option(names = "--images-per-shard", paramLabel = "N", defaultValue = "8",
            description = "With --hr: images per shard, the unit of work and of a rerun (default: ${DEFAULT-VALUE}).")
    int imagesPerShard;

    @Option(names = "--split", defaultValue = "train", description = "Manifest split: train or val (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--max-per-image", paramLabel = "N",
            description = "Keep at most N random sub-images per image (default: classsr.dataset.max-per-image).")
    Integer maxPerImage;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of that draw (default: classsr.dataset.seed).")
    Long seed;

    @Option(names = "--label-with", paramLabel = "MODEL",
            description = "With --hr: label every sub-image with this ClassSR model folder's class (its Class-Module, "
                    + "with its class-bias) and its \"-O\" network's PSNR-Y (border: classsr.train.divide.border).")
    Path labelWith;

    @Option(names = "--label-original", paramLabel = "DIR",
            description = "With --label-with: the \"-O\" model folder (default: the one its model.conf names, else "
                    + "the folder beside it named for its architecture, e.g. fsrcnn-o).")
    Path labelOriginal;

    @Option(names = "--force", description = "Rebuild even when the output already holds a finished dataset.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = options.out();
        PrintWriter err = options.err();
        if (!split.equals("train") && !split.equals("val")) {
            throw new IllegalArgumentException("--split must be train or val, got " + split);
        }
        DatasetSettings settings = options.load().dataset();
        if (maxPerImage != null) {
            settings = settings.withMaxPerImage(maxPerImage);
        }
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        if ((data == null) == (hr == null)) {
            throw new IllegalArgumentException("give either --data (a fetched data folder) or --hr (folders of HR images)");
        }
        if (hr != null) {
            return hrDataset(settings, out, err);
        }
        if (spark || master != null || labelWith != null) {
            throw new IllegalArgumentException("--spark, --master and --label-with apply to --hr only");
        }
        Path output = Path.of(this.output);
        if (!force && Files.isRegularFile(output.resolve(DatasetIndex.FILE_NAME))) {
            DatasetIndex old = DatasetIndex.read(output);
            out.printf("%s already holds a dataset (%d sub-images of split %s); --force rebuilds it%n", output,
                    old.samples(), old.split());
            return 0;
        }
        long t0 = System.nanoTime();
        // A data folder, or the same packed in an archive (its images read in place).
        DataSource source = ArchiveData.isArchive(data) ? new ArchiveData(data, options.load().maxPixels())
                : DataSource.folder(data);
        DatasetIndex index = new DatasetBuilder(settings, new TrainProgress(err)).build(source, output, split);
        long images = index.images().stream().filter(i -> i.samples() > 0).count();
        out.printf("%s: %d sub-images (%dx%d HR, %dx%d LR) from %d images in %d shards, %.1f s%n", output,
                index.samples(), index.hrSize(), index.hrSize(), index.hrSize() / index.scale(),
                index.hrSize() / index.scale(), images, index.shards().size(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** --hr: one shard per group of images, in this JVM or as a Spark job; a rerun skips finished shards. */
    private int hrDataset(DatasetSettings settings, PrintWriter out, PrintWriter err) throws Exception {
        long t0 = System.nanoTime();
        Settings all = options.load();
        if (labelOriginal != null && labelWith == null) {
            throw new IllegalArgumentException("--label-original needs --label-with");
        }
        LabelSettings labels = labelWith == null ? null
                : LabelSettings.of(labelWith, labelOriginal, all.train().divide().border(), all.engine());
        HrDatasetJob.Request request = new HrDatasetJob.Request(hr, output, split,
                JobSettings.of(settings, output, force, all.maxPixels(), labels), imagesPerShard);
        HrDatasetJob.Outcome outcome;
        if (spark) {
            SparkJobSettings job = options.settingsOptions.sparkJob(master);
            SparkSession session = DistributedUpscaler.session(job);
            try {
                outcome = HrDatasetJob.runSpark(session, request, job.shipModel() && !session.sparkContext().isLocal());
            } finally {
                session.stop();
            }
        } else if (master != null) {
            throw new IllegalArgumentException("--master needs --spark");
        } else {
            outcome = HrDatasetJob.runLocal(request);
        }
        DatasetIndex index = outcome.index();
        long images = index.images().stream().filter(i -> i.samples() > 0).count();
        out.printf("%s: %d sub-images (%dx%d HR, %dx%d LR) from %d images; %d shards written, %d already there; "
                + "%d failed (%s); %.1f s%n", output, index.samples(), index.hrSize(), index.hrSize(),
                index.hrSize() / index.scale(), index.hrSize() / index.scale(), images, outcome.shardsWritten(),
                outcome.shardsSkipped(), outcome.failures().size(), HrDatasetJob.FAILURES, (System.nanoTime() - t0) / 1e9);
        DatasetIndex.Labels l = index.labels();
        if (l != null) {
            StringBuilder counts = new StringBuilder();
            for (int k = 0; k < l.classes().size(); k++) {
                counts.append(k == 0 ? "" : ", ").append(l.classes().get(k)).append(' ').append(l.counts().get(k));
            }
            out.printf("labels: %s (class-bias %s), PSNR-Y by %s: %s%n", l.model(), l.classBias(), l.original(), counts);
        }
        Reports.printFailures(outcome.failures(), err);
        out.flush();
        return 0;
    }
}
