package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.classsr.model.ModelSpec;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheChosenBiasAndHowItWasChosenIntoModelConf() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 15);
        CliRun run = CliRun.of("calibrate", "--model", model.toString(), "--hr", "src/test/resources/images",
                "--target-paper-flops", "0.5", "--write");
        assertEquals(0, run.exitCode(), run.err());
        ModelSpec spec = ModelSpec.read(model);
        assertEquals(3, spec.classBias().size());
        assertEquals(0.0, spec.classBias().get(1));
        assertEquals(-spec.classBias().get(0), spec.classBias().get(2));
        assertTrue(spec.provenance().containsKey("calibration"), spec.provenance().toString());
        assertTrue(run.out().contains("target 0.5000"), run.out());
    }

    @Test
    void refusesAnImpossibleBudget() {
        CliRun run = CliRun.of("calibrate", "--hr", "src/test/resources/images", "--target-paper-flops", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--target-paper-flops"), run.err());
    }

    @Test
    void thePixelLimitIsAppliedFromTheHeaderBeforeDecoding() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 15);
        Path hr = HeaderOnlyPng.write(dir.resolve("hr/huge.png"), 40_000, 30_000).getParent();
        CliRun run = CliRun.of("calibrate", "--model", model.toString(), "--hr", hr.toString(),
                "--target-paper-flops", "0.5", "-Dclasssr.input.max-pixels=1000000");
        assertEquals(2, run.exitCode(), run.err());
        // Decoded first, it would be "truncated"; from its header it is over the limit.
        assertTrue(run.err().contains("40000x30000") && run.err().contains("over the limit"), run.err());
    }
}
