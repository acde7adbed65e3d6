package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.ModelCache;
import org.classsr.engine.PhaseTimes;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's stage times split tensor conversion from the forward passes, and the parts fit in the whole. */
class PhaseTimesSplitTest {

    @TempDir
    Path dir;

    @Test
    void conversionIsMeasuredInsideTheNetworkStages() throws IOException {
        Path model = TestModels.writeRandomPair(dir, 2);
        ClassSrEngine engine = new ClassSrEngine(ModelCache.get(model), new EngineSettings(8, 16, 32, new double[3]));
        PhaseTimes t = engine.upscale(BenchTesting.darkAndBright(120, 90, 1)).stats().times();

        assertTrue(t.classifyConversionNanos() > 0 && t.classifyConversionNanos() < t.classifyNanos(), t.toString());
        long branches = java.util.Arrays.stream(t.branchNanos()).sum();
        assertTrue(t.branchConversionNanos() > 0 && t.branchConversionNanos() < branches, t.toString());
        assertEquals(t.networkNanos() - t.conversionNanos(), t.forwardNanos());
        assertTrue(t.tilingNanos() + t.networkNanos() + t.stitchNanos() <= t.totalNanos());
        PhaseTimes old = new PhaseTimes(1, 2, new long[] {3}, 4, 10);
        assertEquals(0, old.conversionNanos());
        assertEquals(5, old.forwardNanos());
    }
}
