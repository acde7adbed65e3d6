package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.classsr.image.ImageCodec;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job submitted to a real standalone master with two workers on 127.0.0.1: a clean run, then
 * the same job while one worker JVM is killed as the branch stage starts.
 */
@Tag("slow")
class StandaloneClusterTest {

    @Test
    void aStandaloneClusterWritesTheSameOutputsAndSurvivesAWorkerKilledInTheBranchStage(@TempDir Path dir) throws Exception {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 7);
        Path in = dir.resolve("in");
        for (String name : SparkTesting.SAMPLES) {
            SparkTesting.copySample(name, in);
        }
        Path out = dir.resolve("out");
        Path faulted = dir.resolve("out-worker-killed");
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, 2)) {
            String executorOpts = String.join(" ", StandaloneCluster.javaModuleFlags())
                    + " -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1";
            SparkJobSettings settings = SparkTesting.local().withMaster(cluster.master()).withConf(Map.of(
                    "spark.driver.host", "127.0.0.1",
                    "spark.driver.bindAddress", "127.0.0.1",
                    "spark.executor.memory", "1g",
                    "spark.executor.cores", "1",
                    "spark.cores.max", "2",
                    "spark.executor.extraClassPath", Path.of("target/classes").toAbsolutePath().toString(),
                    "spark.executor.extraJavaOptions", executorOpts,
                    "spark.executorEnv.OPT_OUT_TRACKING", "true"));
            SparkSession spark = DistributedUpscaler.session(settings);
            JobReport report;
            JobReport survived;
            StageTrigger kill = new StageTrigger(StageTrigger.BRANCH_STAGE, executor -> {
                int worker = cluster.killWorkerOf(executor);
                System.err.println("StandaloneClusterTest: killed worker " + worker + " (executor " + executor + ")");
            });
            try {
                report = DistributedUpscaler.run(spark, settings, request(in, out, model), null);
                assertEquals(2, spark.sparkContext().getExecutorMemoryStatus().size() - 1, "executors registered");
                // The same job again, and a worker JVM (with its executor) dies as the branch stage starts.
                spark.sparkContext().addSparkListener(kill);
                survived = DistributedUpscaler.run(spark, settings, request(in, faulted, model), null);
            } finally {
                spark.stop();
            }
            assertEquals(3, report.imagesOk(), report.failures().toString());
            for (String name : SparkTesting.SAMPLES) {
                int diff = SparkTesting.maxLevelDifference(model, in.resolve(name), Files.readAllBytes(out.resolve(name)));
                assertTrue(diff <= 1, name + ": max difference " + diff);
            }
            SparkTesting.assertNoTemporaries(out);

            assertTrue(kill.fired(), "no branch-stage task started");
            assertTrue(kill.firedOnStage.contains(StageTrigger.BRANCH_STAGE), kill.firedOnStage);
            assertTrue(!cluster.workerAlive(0) || !cluster.workerAlive(1), "a worker was killed");
            assertTrue(kill.executorsRemoved.get() >= 1, "Spark saw the executor go");
            assertEquals(3, survived.imagesOk(), survived.failures().toString());
            assertEquals(0, survived.imagesFailed());
            // Every output exactly once, nothing else, and each equal to the clean run's.
            assertEquals(names(out), names(faulted));
            for (String name : SparkTesting.SAMPLES) {
                float[] clean = ImageCodec.read(out.resolve(name)).color().data();
                float[] after = ImageCodec.read(faulted.resolve(name)).color().data();
                int max = 0;
                for (int i = 0; i < clean.length; i++) {
                    max = Math.max(max, Math.round(Math.abs(clean[i] - after[i]) * 255));
                }
                assertTrue(max <= 1, name + ": " + max + " grey levels from the clean run");
                System.err.printf("StandaloneClusterTest: %s after the kill: %s the clean run's bytes (max %d level)%n",
                        name, Arrays.equals(Files.readAllBytes(out.resolve(name)), Files.readAllBytes(faulted.resolve(name)))
                                ? "equals" : "differs from", max);
            }
            System.err.printf("StandaloneClusterTest: executors removed %d, tasks failed %d, stage attempts retried %d%n",
                    kill.executorsRemoved.get(), kill.tasksFailed.get(), kill.stageRetries.get());
        }
    }

    private static JobRequest request(Path in, Path out, Path model) {
        return new JobRequest(List.of(in.toString()), out.toString(), model, SparkTesting.engine(), 64_000_000L, "same",
                false, false, null);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
