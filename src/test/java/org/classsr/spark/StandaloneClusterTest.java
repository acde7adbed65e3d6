package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job submitted to a real standalone master with two workers on 127.0.0.1. */
@Tag("slow")
class StandaloneClusterTest {

    @TempDir
    Path dir;

    @Test
    void aStandaloneClusterWithTwoWorkersWritesTheSameOutputs() throws Exception {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 7);
        Path in = dir.resolve("in");
        for (String name : SparkTesting.SAMPLES.subList(0, 2)) {
            SparkTesting.copySample(name, in);
        }
        Path out = dir.resolve("out");
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
            try {
                report = DistributedUpscaler.run(spark, settings, new JobRequest(List.of(in.toString()), out.toString(),
                        model, SparkTesting.engine(), 64_000_000L, "same", false, false, null), null);
                assertEquals(2, spark.sparkContext().getExecutorMemoryStatus().size() - 1, "executors registered");
            } finally {
                spark.stop();
            }
            assertEquals(2, report.imagesOk(), report.failures().toString());
            for (String name : SparkTesting.SAMPLES.subList(0, 2)) {
                int diff = SparkTesting.maxLevelDifference(model, in.resolve(name), Files.readAllBytes(out.resolve(name)));
                assertTrue(diff <= 1, name + ": max difference " + diff);
            }
            SparkTesting.assertNoTemporaries(out);
        }
    }
}
