package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine routes by classes chosen beforehand, and a one-JVM budget run meets its budget. */
class BudgetRunnerTest {

    @TempDir
    Path dir;

    private Path model() throws IOException {
        TestModels.write(dir.resolve("fsrcnn-o"), TestModels.originalSpec(), 5, b -> { });
        return EngineTestModels.brightnessRouted(dir.resolve("classsr"));
    }

    @Test
    void theEngineRunsTheGivenClassesNotTheClassifiers() throws IOException {
        try (ClassSrModel classsr = ModelLoader.load(model())) {
            ClassSrEngine engine = new ClassSrEngine(classsr, EngineSettings.defaults());
            FloatImage lr = TestImages.ramp(120, 60);
            int tiles = engine.upscale(lr).stats().tiles();
            int[] classes = new int[tiles];
            Arrays.fill(classes, 1);
            UpscaleResult r = engine.upscale(lr, ProgressListener.NONE, new TileRouting(classes, 1_000_000));
            assertArrayEquals(new int[] {0, tiles, 0}, r.stats().tilesPerClass());
            // The medium branch outputs a constant everywhere.
            for (float v : r.image().data()) {
                assertEquals(EngineTestModels.BRANCH_VALUE[1], v, 1e-5);
            }
            assertTrue(r.stats().times().classifyNanos() >= 1_000_000, "the scoring time counts as classify time");
            assertThrows(IllegalArgumentException.class,
                    () -> engine.upscale(lr, ProgressListener.NONE, new TileRouting(new int[tiles + 1], 0)));
        }
    }

    @Test
    void aJobBudgetOverTwoImagesIsMetAndTheEngineCostsWhatThePlanSays() throws IOException {
        try (ClassSrModel classsr = ModelLoader.load(model());
                ClassSrModel original = ModelLoader.load(dir.resolve("fsrcnn-o"))) {
            BudgetSettings budget = new BudgetSettings(0.6, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB);
            BudgetRunner runner = new BudgetRunner(classsr, original, EngineSettings.defaults(), budget);
            FloatImage a = TestImages.ramp(200, 60);
            FloatImage b = TestImages.ramp(90, 90);
            int ia = runner.score("a.png", a);
            int ib = runner.score("b.png", b);
            BudgetPlan plan = runner.planJob();
            ClassSrEngine engine = new ClassSrEngine(classsr, EngineSettings.defaults());
            long paper = engine.upscale(a, ProgressListener.NONE, runner.routing(ia)).stats().macs().paper()
                    + engine.upscale(b, ProgressListener.NONE, runner.routing(ib)).stats().macs().paper();
            long originalMacs = original.branches().get(0).macs().paper();
            double reached = (double) paper / (plan.tiles() * originalMacs);
            assertEquals(plan.reached(), reached, 1e-12);
            TileCosts costs = TileCosts.of(classsr, original, BudgetSettings.Flops.PAPER);
            double oneTile = (double) (costs.cost(2) - costs.cost(0)) / ((double) plan.tiles() * costs.original());
            assertTrue(reached <= 0.6 && reached > 0.6 - oneTile, "reached " + reached);
        }
    }
}
