package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code submit/classsr} as a user does, in its own JVM, and reads everything it prints: the
 * stack's known-harmless warnings (some printed by native code straight to the process's stderr,
 * out of reach of an in-process capture) must stay away, and {@code --verbose} must bring the
 * stack's logs back.
 */
class QuietRunTest {

    /** What the stack printed before the quiet defaults, one pattern per source. */
    private static final List<Pattern> STACK_NOISE = List.of(
            Pattern.compile("resolves to a loopback address"), // Spark, hostname -> 127.0.x.x
            Pattern.compile("SPARK_LOCAL_IP"), // Spark, the same warning's second line
            Pattern.compile("NativeCodeLoader"), // Hadoop without its native library
            Pattern.compile("Failed to detect GPU count"), // DJL's GPU probe on CPU natives
            Pattern.compile("LegacyTypeDispatch|AutoNonVariableTypeMode"), // libtorch, C++ stderr
            Pattern.compile("libpng warning"), // OpenCV's libpng on the samples' iCCP profiles
            Pattern.compile("incubator modules"), // the JVM, for --add-modules=jdk.incubator.vector
            // Any log4j line (HH:mm:ss LEVEL logger - ...) at all, and any c10 log line ([W1202 ...]).
            Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) "),
            Pattern.compile("(?m)^\\[[WEI]\\d{4} "));

    @TempDir
    Path dir;

    @Test
    void theDemoPrintsOnlyItsOwnProgressAndResults() throws Exception {
        Output run = launch("demo", "--output", dir.resolve("demo").toString());

        assertEquals(0, run.exit(), run.all());
        for (Pattern noise : STACK_NOISE) {
            assertTrue(!noise.matcher(run.all()).find(), "stack output matching " + noise + ":\n" + run.all());
        }
        // Its own lines are all there: the job's progress, both tables, the closing line.
        assertTrue(run.err().contains("progress: tiles classified"), run.all());
        assertTrue(run.out().contains("3 written, 0 failed"), run.all());
        assertTrue(run.out().contains("PSNR-Y ClassSR/-O/bicubic"), run.all());
        assertTrue(run.out().contains("demo outputs in"), run.all());
    }

    @Test
    void verboseBringsTheStackLogsBack() throws Exception {
        Path sample = DemoCommand.extractSamples(dir.resolve("samples")).resolve("chelsea.png");
        Output run = launch("upscale-jvm", "--verbose", "--output", dir.resolve("out").toString(), sample.toString());

        assertEquals(0, run.exit(), run.all());
        // DJL's engine start-up lines, logged at info.
        assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d INFO  PtEngine - ").matcher(run.err()).find(), run.all());
    }

    @Test
    void aClusterMasterIsRefusedOnALoopbackDriverTheLauncherChose() throws Exception {
        // As if the launcher had missed the master: the job must stop with one clear line, not hang.
        Output run = launch(List.of("CLASSSR_LOOPBACK_DRIVER", "1"),
                "upscale", "--master", "spark://127.0.0.1:1", "--output", dir.resolve("o").toString(), "in.png");

        assertEquals(2, run.exit(), run.all());
        assertTrue(run.err().contains("error: master spark://127.0.0.1:1 is not local"), run.all());
    }

    private Output launch(String... args) throws IOException, InterruptedException {
        return launch(List.of(), args);
    }

    /** Runs the launcher on the test classpath (no build); {@code env} is name, value, name, value... */
    private Output launch(List<String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of("submit", "classsr").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("CLASSSR_CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        pb.environment().remove("SPARK_LOCAL_IP");
        for (int i = 0; i < env.size(); i += 2) {
            pb.environment().put(env.get(i), env.get(i + 1));
        }
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("submit/classsr " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Output(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Output(int exit, String out, String err) {
        String all() {
            return "--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
