package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classsr.engine.BudgetDecision;
import org.classsr.engine.BudgetPlan;
import org.classsr.engine.BudgetRunner;
import org.classsr.engine.BudgetSettings;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.ModelCache;
import org.classsr.engine.ProgressListener;
import org.classsr.engine.TileCosts;
import org.classsr.engine.TileRouting;
import org.classsr.engine.UpscaleResult;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.Quantize;
import org.classsr.model.ClassSrModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A budget in the Spark job and in the one-JVM engine on the bundled samples with the shipped
 * model: the same plan (ratio reached, bias, class counts), the same routing of every image, the
 * same pixels; and the budget met from below within one tile.
 */
class SparkBudgetTest extends LocalSparkTest {

    private static final Path MODEL = Path.of("models/classsr-fsrcnn");
    private static final List<String> SAMPLES = List.of("astronaut.png", "chelsea.png", "coffee.png");

    @TempDir
    static Path dir;

    static Path in;

    @BeforeAll
    static void start() throws IOException {
        in = Files.createDirectories(dir.resolve("in"));
        for (String name : SAMPLES) {
            try (InputStream s = SparkBudgetTest.class.getResourceAsStream("/samples/" + name)) {
                Files.copy(s, in.resolve(name));
            }
        }
    }

    @Test
    void jobScopeInPaperFlopsAgreesWithTheOneJvmRun() throws IOException {
        agree(new BudgetSettings(0.5, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB), "job");
    }

    @Test
    void imageScopeInExecutedFlopsAgreesWithTheOneJvmRun() throws IOException {
        agree(new BudgetSettings(0.7, BudgetSettings.Flops.EXECUTED, BudgetSettings.Scope.IMAGE), "image");
    }

    private static void agree(BudgetSettings budget, String tag) throws IOException {
        Path out = dir.resolve("out-" + tag);
        StringWriter log = new StringWriter();
        JobReport report = DistributedUpscaler.run(spark, SparkTesting.local(), new JobRequest(List.of(in.toString()),
                out.toString(), MODEL, SparkTesting.engine(), 64_000_000L, "png", false, false, null, budget),
                new PrintWriter(log, true));
        assertEquals(3, report.imagesOk(), report.failures().toString());
        BudgetPlan sparkPlan = report.budget();
        assertNotNull(sparkPlan);
        assertTrue(sparkPlan.clamped().isEmpty(), sparkPlan.clamped().toString());
        assertTrue(log.toString().contains("budget: asked"), log.toString());
        assertTrue(report.table().contains("reached"), report.table());
        assertTrue(report.json().contains("\"ratio_reached\""));

        // The one-JVM run of the same images.
        ClassSrModel classsr = ModelCache.verified(MODEL);
        ClassSrModel original = ModelCache.verified(classsr.originalFolder());
        ClassSrEngine engine = new ClassSrEngine(classsr, SparkTesting.engine());
        BudgetRunner runner = new BudgetRunner(classsr, original, SparkTesting.engine(), budget);
        List<FloatImage> lr = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (String name : SAMPLES) {
            lr.add(ImageCodec.read(in.resolve(name)).color());
            if (runner.perJob()) {
                ids.add(runner.score(name, lr.get(lr.size() - 1)));
            }
        }
        if (runner.perJob()) {
            runner.planJob();
        }
        TileCosts costs = TileCosts.of(classsr, original, budget.flops());
        for (int i = 0; i < SAMPLES.size(); i++) {
            String name = SAMPLES.get(i);
            TileRouting routing = runner.route(runner.perJob() ? ids.get(i) : -1, name, lr.get(i));
            int[] counts = new int[3];
            for (int c : routing.classes()) {
                counts[c]++;
            }
            ImageResult written = report.images().stream().filter(r -> r.name().equals(name.replace(".png", "")))
                    .findFirst().orElseThrow();
            assertArrayEquals(counts, java.util.Arrays.copyOf(written.tilesPerClass(), 3), name + ": same routing in Spark and one JVM");
            UpscaleResult expected = engine.upscale(lr.get(i), ProgressListener.NONE, routing);
            FloatImage want = Quantize.to8Bit(expected.image());
            FloatImage got = ImageCodec.read(out.resolve(name)).color();
            int max = 0;
            for (int p = 0; p < want.data().length; p++) {
                max = Math.max(max, Math.round(Math.abs(want.data()[p] - got.data()[p]) * 255));
            }
            assertTrue(max <= 1, name + ": max difference " + max + " grey levels");
        }
        BudgetPlan jvmPlan = runner.plan();
        assertEquals(jvmPlan.decisions().size(), sparkPlan.decisions().size());
        for (int d = 0; d < jvmPlan.decisions().size(); d++) {
            BudgetDecision a = jvmPlan.decisions().get(d);
            BudgetDecision b = sparkPlan.decisions().stream().filter(x -> x.name().equals(a.name())).findFirst()
                    .orElseThrow();
            assertEquals(a.reached(), b.reached(), 0.0, a.name() + ": same ratio reached");
            assertEquals(a.bias(), b.bias(), 1e-6, a.name() + ": same bias");
            assertArrayEquals(a.tilesPerClass(), b.tilesPerClass(), a.name());
            // Met from below, within one tile's cost (hard minus simple) over the scope's tiles.
            double oneTile = (double) (costs.cost(2) - costs.cost(0)) / ((double) a.tiles() * costs.original());
            assertTrue(a.reached() <= budget.ratio() && budget.ratio() - a.reached() < oneTile,
                    a.name() + " reached " + a.reached() + " for " + budget.ratio());
        }
        assertEquals(jvmPlan.reached(), sparkPlan.reached(), 0.0);
        // The job report's own FLOPs ratio is the budget's reached ratio.
        String key = budget.flops() == BudgetSettings.Flops.PAPER ? "paper_flops_ratio" : "executed_flops_ratio";
        assertEquals(sparkPlan.reached(), (Double) report.summary().get(key), 1e-12);
    }
}
