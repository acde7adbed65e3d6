package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.UpscaleResult;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainBatchedTest {

    @TempDir
    Path dir;

    /** The yardstick computes what the engine computes: same networks, routing and stitching. */
    @Test
    void plainOutputEqualsTheEnginesWithinOneGreyLevel() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 7);
        FloatImage lr = BenchTesting.darkAndBright(75, 61, 3);
        // Small chunks and batches, so the engine's batches and chunks differ from the plain ones.
        EngineSettings engine = new EngineSettings(3, 4, 6, new double[] {0.02, 0, -0.02});
        try (ClassSrModel classsr = ModelLoader.load(folder);
                ClassSrModel original = ModelLoader.load(classsr.originalFolder())) {
            for (ClassSrModel model : List.of(classsr, original)) {
                UpscaleResult e = new ClassSrEngine(model, engine).upscale(lr);
                FloatImage p = new PlainBatched(model, engine, 5, 7).upscale(lr);
                assertEquals(e.image().width(), p.width());
                assertEquals(e.image().height(), p.height());
                assertTrue(PlainComparison.maxGreyDifference(e.image(), p) <= 1,
                        model.spec().name() + ": " + PlainComparison.maxGreyDifference(e.image(), p) + " grey levels");
            }
        }
    }

    /** Every variant timed, the ratios and targets reported; no timing is asserted. */
    @Test
    void theComparisonReportsBothPairsAndTheirTargets() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 9);
        EngineSettings engine = new EngineSettings(4, 8, 64, new double[] {0, 0, 0});
        try (ClassSrModel classsr = ModelLoader.load(folder);
                ClassSrModel original = ModelLoader.load(classsr.originalFolder())) {
            PlainResult r = PlainComparison.run(new PlainComparison.Request(classsr, original, engine,
                    List.of(BenchTesting.darkAndBright(40, 36, 1), BenchTesting.darkAndBright(33, 47, 2)), 2, 0, 6,
                    List.of(2), List.of(1)), null);
            assertEquals(List.of("classsr", "original"), r.pairs().stream().map(PlainResult.Pair::key).toList());
            assertEquals(List.of(4, 2), r.engineBatches().stream().map(PlainResult.BatchTime::batch).toList());
            for (PlainResult.Pair p : r.pairs()) {
                assertEquals(2, p.engine().samples().length);
                assertEquals(p.engine().median() / p.plain().median(), p.ratio(), 1e-12);
                assertTrue(p.maxGreyLevels() <= 1);
                assertTrue(p.engineNonNetwork() > 0 && p.engineNonNetwork() < 1);
            }
            assertEquals(List.of("stitching on the caller's thread", "PyTorch threads 1"),
                    r.engineVariants().stream().map(PlainResult.Variant::label).toList());
            assertEquals(5, r.targets().size());
            assertTrue(r.markdown().startsWith("## Engine against a plain batched implementation"));
            assertTrue(r.table().contains("engine ClassSR at branch batch 2"));
            assertEquals(6, r.toJson().get("plain_batch"));
        }
    }
}
