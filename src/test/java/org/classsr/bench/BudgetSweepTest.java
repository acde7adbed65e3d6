package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classsr.engine.BudgetSettings;
import org.classsr.image.ImageCodec;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.TileCosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --budget} and {@code --sweep-budget} on a model that routes by brightness. */
class BudgetSweepTest {

    @TempDir
    Path dir;

    @Test
    void eachBudgetIsMetFromBelowAndTheBenchRowsFollowTheBudget() throws IOException {
        BenchTesting.BrightnessBench bench = BenchTesting.brightnessBench(dir);
        BudgetSettings budget = new BudgetSettings(0.55, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB);
        BenchReport report = Benchmark.run(new Benchmark.Request(bench.folder(), bench.classsr(), bench.original(),
                EngineSettings.defaults(), bench.files(), 1, 0, List.of(), null, 100_000_000L, dir.resolve("work"), null, ImageCodec::read, budget,
                List.of(0.7, 0.4, 0.1)), null);

        TileCosts costs = TileCosts.of(bench.classsr(), bench.original(), BudgetSettings.Flops.PAPER);
        long tiles = report.budget().tiles();
        double oneTile = (double) (costs.cost(2) - costs.cost(0)) / ((double) tiles * costs.original());
        // --budget: the engine's ClassSR row costs what the budget reached.
        assertNotNull(report.budget());
        assertEquals(report.budget().reached(), report.paperFlopsRatio(report.method("classsr")), 1e-12);
        assertTrue(report.budget().reached() <= 0.55 && report.budget().reached() > 0.55 - oneTile);

        List<BudgetPoint> points = report.budgetSweep();
        assertEquals(List.of(0.1, 0.4, 0.7), points.stream().map(BudgetPoint::asked).toList());
        assertTrue(points.get(0).clamped().get(0).contains("below the all-simple cost"), points.get(0).clamped().toString());
        assertEquals(1.0, points.get(0).classFraction()[0], 1e-12);
        for (BudgetPoint p : points.subList(1, 3)) {
            assertTrue(p.clamped().isEmpty());
            assertTrue(p.reached() <= p.asked() && p.reached() > p.asked() - oneTile, p.asked() + " -> " + p.reached());
            assertEquals(p.reached(), p.paperFlopsRatio(), 1e-12, "reached is the measured paper FLOPs ratio");
            assertTrue(p.timeRatio() > 0 && p.secondsPerImage().samples().length == 1);
        }
        assertTrue(points.get(2).psnrY() != points.get(1).psnrY(), "more hard tiles change the output");
        assertTrue(report.table().contains("budget 0.400 reached"), report.table());
        assertTrue(report.markdown().contains("| budget | reached |"), report.markdown());
        assertEquals(3, ((List<?>) report.toJson().get("budget_sweep")).size());

        Path chart = dir.resolve("chart.png");
        BenchCharts.budgetSweep(report, "paper", BenchCharts.budgetFile(chart));
        assertTrue(Files.size(dir.resolve("chart-budget.png")) > 1000);
    }
}
