package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classsr.engine.EngineSettings;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeakMeasureTest {

    /** Every network at its engine batch size, counted with its executed FLOPs; no timing is asserted. */
    @Test
    void measuresTheLimitAndEveryNetworkOfTheModelPair(@TempDir Path dir) throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 5);
        try (ClassSrModel classsr = ModelLoader.load(folder);
                ClassSrModel original = ModelLoader.load(classsr.originalFolder())) {
            EngineSettings engine = new EngineSettings(3, 5, 16, new double[] {0, 0, 0});
            List<PeakMeasure.Target> targets = PeakMeasure.targets(classsr, original, engine);
            assertEquals(List.of("classifier", "simple", "medium", "hard", "-O original"),
                    targets.stream().map(PeakMeasure.Target::label).toList());
            assertEquals(List.of(5, 3, 3, 3, 3), targets.stream().map(PeakMeasure.Target::batch).toList());

            PeakResult r = PeakMeasure.run(new PeakMeasure.Request(8, List.of(1, 2), 32, 1), targets);
            assertEquals(2, r.convs().size());
            assertEquals(Math.max(r.convs().get(0).gflops(), r.convs().get(1).gflops()), r.peakGflops());
            assertEquals(5, r.networks().size());
            PeakResult.NetworkRate hard = r.networks().get(3);
            assertEquals(2.0 * classsr.branches().get(2).macs().executed(), hard.flopsPerTile());
            assertEquals(hard.batch() * hard.flopsPerTile() / hard.seconds() / 1e9, hard.gflops(), 1e-9 * hard.gflops());
            assertEquals(hard.gflops() / r.peakGflops(), r.fractionOfPeak(hard), 1e-12);
            Map<String, Object> json = r.toJson();
            assertEquals("3x3 conv 8->8 on 32x32 tiles", json.get("dense_conv"));
            assertEquals(5, ((List<?>) json.get("networks")).size());
            assertTrue(r.table().contains("-O original"));
            assertTrue(r.markdown().startsWith("## Measured limit"));
        }
    }

    @Test
    void refusesEmptySizes() {
        assertThrows(IllegalArgumentException.class, () -> new PeakMeasure.Request(56, List.of(64, 0), 32, 5));
    }
}
