package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar as users run it: {@code submit/spark-submit.sh} -> bin/spark-submit -> Spark's
 * launcher -> a driver and, on a standalone master with one worker, an executor whose classpath
 * is only what a Spark installation provides plus the jar shipped by spark-submit. Runs after
 * {@code package} (failsafe), which builds {@code target/classsr-spark-*-cluster.jar}.
 */
@Tag("slow")
class SparkSubmitIT {

    /** Jar name prefixes of ClassSR, its non-Spark libraries, and the test libraries. */
    private static final List<String> APPLICATION_OR_TEST = List.of("classsr", "api-", "pytorch-", "opencv-",
            "pngj-", "picocli-", "progressbar-", "xchart-", "config-", "junit-", "opentest4j-", "apiguardian-",
            "archunit", "jmh-", "jopt-", "commons-math3-");

    @TempDir
    Path dir;

    @Test
    void theClusterJarRunsThroughSparkSubmitOnAStandaloneCluster() throws Exception {
        Path jar = clusterJar();
        // A stand-in Spark installation: the test classpath without the application's own
        // libraries (they must come from the shipped jar) and without the test libraries.
        List<String> provided = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (entry.endsWith(".jar") && APPLICATION_OR_TEST.stream().noneMatch(name::startsWith)) {
                provided.add(entry);
            }
        }
        Path home = StandaloneCluster.sparkHome(dir.resolve("spark-home"), provided);
        installLauncherScripts(home);

        Path model = TestModels.writeRandomPair(dir.resolve("models"), 7);
        Path in = dir.resolve("in");
        for (String name : SparkTesting.SAMPLES.subList(0, 2)) {
            SparkTesting.copySample(name, in);
        }
        Path out = dir.resolve("out");
        Path log = dir.resolve("spark-submit.log");
        try (StandaloneCluster cluster = StandaloneCluster.start(home, dir, 1)) {
            List<String> cmd = new ArrayList<>(List.of("bash", "submit/spark-submit.sh", "standalone",
                    cluster.master(), "--model", model.toString(), "--output", out.toString(), in.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("SPARK_HOME", home.toString());
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            env.put("SPARK_SUBMIT_OPTS_EXTRA", "--conf spark.driver.host=127.0.0.1 --conf spark.executor.memory=1g"
                    + " --conf spark.executor.cores=1 --conf spark.cores.max=1 --conf spark.ui.enabled=false");
            Process submit = pb.start();
            boolean ended = submit.waitFor(8, TimeUnit.MINUTES);
            if (!ended) {
                submit.destroyForcibly();
            }
            assertTrue(ended && submit.exitValue() == 0, "spark-submit failed or hung:\n" + tail(log));
        }

        for (String name : SparkTesting.SAMPLES.subList(0, 2)) {
            int diff = SparkTesting.maxLevelDifference(model, in.resolve(name), Files.readAllBytes(out.resolve(name)));
            assertTrue(diff <= 1, name + ": max difference " + diff);
        }
        SparkTesting.assertNoTemporaries(out);
        JsonNode report = new ObjectMapper().readTree(out.resolve(DistributedUpscaler.REPORT).toFile());
        assertEquals(2, report.get("summary").get("images_ok").asInt(), report.toString());
        // The executor ran from the worker's copy of the shipped jar, not from a shared classpath.
        try (var walk = Files.walk(dir.resolve("work0"))) {
            assertTrue(walk.anyMatch(p -> p.getFileName().toString().equals(jar.getFileName().toString())),
                    "the worker did not receive " + jar.getFileName());
        }
    }

    private static Path clusterJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith("-cluster.jar")).toList();
            assertEquals(1, jars.size(), "one cluster jar in target/ (built by package): " + jars);
            return jars.get(0);
        }
    }

    /** bin/spark-submit and bin/spark-class, as a Spark distribution has them. */
    private static void installLauncherScripts(Path home) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String script : List.of("spark-class", "spark-submit")) {
            try (InputStream s = SparkSubmitIT.class.getResourceAsStream("/spark-home/bin/" + script)) {
                Path target = bin.resolve(script);
                Files.copy(s, target);
                assertTrue(target.toFile().setExecutable(true), "chmod +x " + target);
            }
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
