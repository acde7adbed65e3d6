package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.classsr.engine.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knob sweep on a model that routes by brightness: half the tiles dark (simple), half bright (hard). */
class SweepTest {

    @TempDir
    Path dir;

    @Test
    void onePointPerBiasAndTheCostFallsAsTheBiasFavoursTheSimpleBranch() throws IOException {
        BenchTesting.BrightnessBench bench = BenchTesting.brightnessBench(dir);
        BenchReport report = Benchmark.run(new Benchmark.Request(bench.folder(), bench.classsr(), bench.original(),
                EngineSettings.defaults(), bench.files(), 1, 0, List.of(10.0, -10.0, 0.5), null, 100_000_000L, dir.resolve("work")), null);

        List<SweepPoint> points = report.sweep();
        assertEquals(List.of(-10.0, 0.0, 0.5, 10.0), points.stream().map(SweepPoint::bias).toList());
        // -10: every tile hard; 10: every tile simple; 0: the dark half simple, the bright half hard.
        assertEquals(1.0, points.get(0).classFraction()[2], 1e-12);
        assertEquals(1.0, points.get(3).classFraction()[0], 1e-12);
        double[] middle = points.get(1).classFraction();
        assertTrue(middle[0] > 0.3 && middle[2] > 0.3, java.util.Arrays.toString(middle));
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).paperFlopsRatio() <= points.get(i - 1).paperFlopsRatio(), "paper FLOPs fall with b");
            assertTrue(points.get(i).executedFlopsRatio() <= points.get(i - 1).executedFlopsRatio(), "executed FLOPs fall");
        }
        assertTrue(points.get(0).paperFlopsRatio() > 1, "all-hard ClassSR costs the -O network plus the classifier");
        assertTrue(points.get(3).paperFlopsRatio() < 0.35, "all-simple: the d=16 branch, 141M of 468M, plus classifier");
        assertTrue(points.get(1).isDefault());
        // The default point is the engine's ClassSR row.
        MethodResult c = report.method("classsr");
        assertEquals(c.psnrY(), points.get(1).psnrY(), 1e-9);
        assertEquals(report.paperFlopsRatio(c), points.get(1).paperFlopsRatio(), 1e-12);
        for (SweepPoint p : points) {
            assertTrue(p.timeRatio() > 0 && p.secondsPerImage().samples().length == 1);
        }
    }
}
