package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classsr.spark.SparkJobSettings;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark section of the configuration and the shipped Spark conf examples. */
class SparkUpscaleCommandTest {

    @Test
    void sparkSectionDefaultsAndConfExamplesParse() {
        SparkJobSettings defaults = Settings.sparkJob(List.of(), Map.of());
        assertEquals("local[*]", defaults.master());
        assertFalse(defaults.gpu().enabled());
        for (String name : List.of("spark-local.conf", "spark-s3.conf", "spark-standalone.conf", "spark-yarn.conf",
                "spark-kubernetes.conf", "spark-gpu.conf")) {
            assertTrue(Files.isRegularFile(Path.of("conf", name)), name);
            SparkJobSettings s = Settings.sparkJob(List.of(Path.of("conf", name)), Map.of());
            Settings.load(List.of(Path.of("conf", name)), Map.of());
            assertTrue(s.tilesPerPartition() > 0, name);
        }
        SparkJobSettings s3 = Settings.sparkJob(List.of(Path.of("conf/spark-s3.conf")), Map.of());
        assertEquals("true", s3.sparkConf().get("spark.hadoop.fs.s3a.path.style.access"));
        assertTrue(Settings.sparkJob(List.of(Path.of("conf/spark-gpu.conf")), Map.of()).gpu().enabled());
        SparkJobSettings over = Settings.sparkJob(List.of(), Map.of("classsr.spark.master", "local[2]"));
        assertEquals("local[2]", over.master());
    }

    @Test
    void anInputFolderWithoutImagesIsOneLineAndExitTwo(@TempDir Path dir) throws java.io.IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 3);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("upscale", "--master", "local[1]", "--model", model.toString(), "--output",
                dir.resolve("out").toString(), empty.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: no image files in file:" + empty), run.err());
    }

    @Test
    void aFailedSparkJobIsOneLine() {
        String spark = "Job aborted due to stage failure: Task 0 in stage 3.0 failed 4 times, most recent failure: "
                + "Lost task 0.3 in stage 3.0 (TID 9) (10.0.0.7 executor 2): org.classsr.model.ModelException: "
                + "hard.safetensors: not a readable safetensors weight file\n\tat org.classsr.model.ModelLoader.load"
                + "(ModelLoader.java:109)\n\tat org.apache.spark.executor.Executor.run(Executor.scala:620)\n";
        assertEquals("Job aborted due to stage failure: Task 0 in stage 3.0 failed 4 times, most recent failure: "
                + "Lost task 0.3 in stage 3.0 (TID 9) (10.0.0.7 executor 2): org.classsr.model.ModelException: "
                + "hard.safetensors: not a readable safetensors weight file",
                SparkUpscaleCommand.firstLine(new org.apache.spark.SparkException(spark)));
    }
}
