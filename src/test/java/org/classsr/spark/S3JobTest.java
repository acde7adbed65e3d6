package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3a:// to s3a:// against a real S3 server (S3Proxy, its own JVM on 127.0.0.1): a corrupt image
 * among good ones, a rerun that skips, no secret in any log line or report; and the server stopped
 * for seconds mid-job, then restarted.
 */
@Tag("slow")
class S3JobTest {

    @TempDir
    Path dir;

    /** A bucket "images" holding the given local files under lr/batch1/; returns a file system on it. */
    private static FileSystem bucket(S3ProxyServer s3, List<Path> files) throws IOException {
        s3.createBucket("images");
        Configuration conf = new Configuration();
        s3.sparkHadoopConf().forEach((k, v) -> conf.set(k.substring("spark.hadoop.".length()), v));
        FileSystem fs = FileSystem.get(URI.create("s3a://images/"), conf);
        for (Path local : files) {
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()),
                    new org.apache.hadoop.fs.Path("s3a://images/lr/batch1/" + local.getFileName()));
        }
        return fs;
    }

    private static byte[] read(FileSystem fs, String key) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var in = fs.open(new org.apache.hadoop.fs.Path(key))) {
            in.transferTo(bytes);
        }
        return bytes.toByteArray();
    }

    /** Object names under the prefix, with sizes. */
    private static Map<String, Long> objects(FileSystem fs, String prefix) throws IOException {
        Map<String, Long> objects = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(new org.apache.hadoop.fs.Path(prefix), true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            objects.put(f.getPath().getName(), f.getLen());
        }
        return objects;
    }

    private JobRequest request(Path model) {
        return new JobRequest(List.of("s3a://images/lr/"), "s3a://images/hr", model, SparkTesting.engine(), 64_000_000L,
                "same", false, false, null);
    }

    @Test
    void aCorruptImageAmongGoodOnesFailsAloneNothingIsHalfWrittenRerunSkipsAndNoSecretIsLogged() throws Exception {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 7);
        List<Path> locals = new ArrayList<>();
        for (String name : SparkTesting.SAMPLES.subList(0, 2)) {
            locals.add(SparkTesting.copySample(name, dir.resolve("in")));
        }
        byte[] good = Files.readAllBytes(locals.get(0));
        Path corrupt = Files.write(dir.resolve("in/broken.png"), Arrays.copyOf(good, good.length * 2 / 3));
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"))) {
            List<Path> uploads = new ArrayList<>(locals);
            uploads.add(corrupt);
            FileSystem fs = bucket(s3, uploads);
            SparkJobSettings settings = SparkTesting.local().withConf(s3.sparkHadoopConf());

            StringWriter log = new StringWriter();
            JobReport first;
            JobReport second;
            String logged;
            try (LogCapture capture = new LogCapture()) {
                SparkSession spark = DistributedUpscaler.session(settings);
                try {
                    first = DistributedUpscaler.run(spark, settings, request(model), new PrintWriter(log, true));
                    second = DistributedUpscaler.run(spark, settings, request(model), new PrintWriter(log, true));
                } finally {
                    spark.stop();
                }
                logged = capture.text();
            }
            assertEquals(2, first.imagesOk(), first.failures().toString());
            assertEquals(Map.of("s3a://images/lr/batch1/broken.png", "decode: truncated PNG"),
                    Map.copyOf(first.failures()).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().replaceAll(" \\(.*", ""))));
            for (Path local : locals) {
                String key = "s3a://images/hr/" + local.getFileName();
                int diff = SparkTesting.maxLevelDifference(model, local, read(fs, key));
                assertTrue(diff <= 1, key + ": max difference " + diff);
            }
            Map<String, Long> objects = objects(fs, "s3a://images/hr/");
            assertTrue(objects.keySet().stream().noneMatch(n -> n.startsWith(HadoopFiles.TEMP_PREFIX)),
                    "half-written objects left: " + objects.keySet());
            assertFalse(objects.containsKey("broken.png"), objects.keySet().toString());
            assertTrue(objects.containsKey(DistributedUpscaler.REPORT), objects.keySet().toString());

            assertEquals(0, second.imagesOk());
            assertEquals(2, second.skipped().size());
            assertEquals(1, second.imagesFailed(), "the corrupt image is still reported on a rerun");

            // The capture saw the job's S3A traffic (so it is not empty by mistake) ...
            assertTrue(logged.contains("org.apache.hadoop.fs.s3a"), "no S3A log line captured:\n" + logged);
            assertTrue(logged.contains("org.apache.spark"), "no Spark log line captured");
            // ... and neither it, the job's log, nor any report holds the secret key.
            String reports = new String(read(fs, "s3a://images/hr/" + DistributedUpscaler.REPORT))
                    + new String(read(fs, "s3a://images/hr/" + DistributedUpscaler.FAILURES))
                    + new String(read(fs, "s3a://images/hr/" + DistributedUpscaler.METRICS));
            String everything = logged + log + first.json() + second.json() + first.table() + reports + settings;
            assertFalse(everything.contains(S3ProxyServer.CREDENTIAL), "the secret key was printed");
            fs.close();
        }
    }

    @Test
    void theStoreStoppedForSecondsMidJobAndRestartedTheJobCompletes() throws Exception {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 7);
        List<Path> locals = new ArrayList<>();
        for (String name : SparkTesting.SAMPLES) {
            locals.add(SparkTesting.copySample(name, dir.resolve("in")));
        }
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"))) {
            FileSystem fs = bucket(s3, locals);
            // The retry settings of conf/spark-s3.conf; endpoint and keys of this server.
            Map<String, String> conf = new java.util.HashMap<>(org.classsr.cli.Settings.sparkJob(
                    List.of(Path.of("conf/spark-s3.conf")), Map.of()).sparkConf());
            conf.putAll(s3.sparkHadoopConf());
            SparkJobSettings settings = SparkTesting.local().withConf(conf);
            long[] outage = new long[2];
            long[] jobTime = new long[2];
            StageTrigger stop = new StageTrigger(StageTrigger.BRANCH_STAGE, executor -> {
                // Down as the branch stage starts: the stitch stage's writes meet the outage.
                s3.stop();
                outage[0] = System.currentTimeMillis();
                Thread restart = new Thread(() -> {
                    try {
                        Thread.sleep(6_000);
                        s3.restart();
                        outage[1] = System.currentTimeMillis();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                restart.setDaemon(true);
                restart.start();
            });
            long[] firstWrite = new long[1];
            // The stitch stage is the first "collect" stage after the stop (the probe's came before).
            StageTrigger writeClock = new StageTrigger("collect at", () -> outage[0] > 0, executor ->
                    firstWrite[0] = System.currentTimeMillis());
            JobReport report;
            SparkSession spark = DistributedUpscaler.session(settings);
            try {
                spark.sparkContext().addSparkListener(stop);
                spark.sparkContext().addSparkListener(writeClock);
                jobTime[0] = System.currentTimeMillis();
                report = DistributedUpscaler.run(spark, settings, request(model), null);
                jobTime[1] = System.currentTimeMillis();
            } finally {
                spark.stop();
            }
            assertTrue(stop.fired(), "the branch stage never started");
            assertTrue(outage[1] > 0, "the server was not restarted");
            System.err.printf("S3JobTest: job %.1f s; outage %.1f s from %.1f s into the job; first stitch task %.1f s "
                    + "after the stop%n", (jobTime[1] - jobTime[0]) / 1e3, (outage[1] - outage[0]) / 1e3,
                    (outage[0] - jobTime[0]) / 1e3, (firstWrite[0] - outage[0]) / 1e3);
            assertTrue(firstWrite[0] > 0 && firstWrite[0] < outage[1], "the writes did not meet the outage");
            assertEquals(3, report.imagesOk(), report.failures().toString());
            Map<String, Long> objects = objects(fs, "s3a://images/hr/");
            assertTrue(objects.keySet().stream().noneMatch(n -> n.startsWith(HadoopFiles.TEMP_PREFIX)),
                    "half-written objects left: " + objects.keySet());
            for (Path local : locals) {
                String key = "s3a://images/hr/" + local.getFileName();
                int diff = SparkTesting.maxLevelDifference(model, local, read(fs, key));
                assertTrue(diff <= 1, key + ": max difference " + diff);
            }
            fs.close();
        }
    }
}
