package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.classsr.model.ClassBias;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bias-finding on arrays of logits: budgets met from below within one tile's step, ties, clamping. */
class BudgetRouterTest {

    /** ClassSR-FSRCNN (16/36/56) against FSRCNN-O, in both conventions. */
    private static TileCosts paper;
    private static TileCosts executed;

    @BeforeAll
    static void costs(@TempDir Path dir) throws IOException {
        TestModels.writeRandomPair(dir, 3);
        try (ClassSrModel classsr = ModelLoader.load(dir.resolve("classsr"));
                ClassSrModel original = ModelLoader.load(dir.resolve("fsrcnn-o"))) {
            paper = TileCosts.of(classsr, original, BudgetSettings.Flops.PAPER);
            executed = TileCosts.of(classsr, original, BudgetSettings.Flops.EXECUTED);
        }
        assertTrue(paper.cost(0) < paper.cost(1) && paper.cost(1) < paper.cost(2));
        assertTrue(executed.cost(0) < executed.cost(1) && executed.cost(1) < executed.cost(2));
        assertTrue(paper.cost(2) != executed.cost(2), "the conventions differ");
    }

    /** Logits of a known distribution: each class logit uniform in [-3, 3], seeded. */
    private static float[] logits(int tiles, long seed) {
        Random r = new Random(seed);
        float[] l = new float[3 * tiles];
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) (r.nextDouble() * 6 - 3);
        }
        return l;
    }

    private static List<BudgetRouter.Scores> images() {
        List<BudgetRouter.Scores> images = new ArrayList<>();
        images.add(new BudgetRouter.Scores("b.png", logits(300, 1)));
        images.add(new BudgetRouter.Scores("a.png", logits(170, 2)));
        // A skewed image: mostly confident-simple tiles.
        float[] easy = logits(120, 3);
        for (int t = 0; t < 120; t++) {
            easy[3 * t] += 4;
        }
        images.add(new BudgetRouter.Scores("c.png", easy));
        return images;
    }

    /** One tile's largest step (hard to simple), as a ratio over {@code tiles} tiles. */
    private static double oneTile(TileCosts c, long tiles) {
        long step = c.cost(2) - c.cost(0);
        return (double) step / ((double) tiles * c.original());
    }

    /** The cost ratio of tiles routed to these classes, computed from scratch. */
    private static double ratio(TileCosts c, List<int[]> classes) {
        long cost = 0;
        long n = 0;
        for (int[] cls : classes) {
            for (int k : cls) {
                cost += c.cost(k);
                n++;
            }
        }
        return (double) cost / ((double) n * c.original());
    }

    @Test
    void jobScopeMeetsEveryBudgetFromBelowWithinOneTileInBothConventions() {
        for (TileCosts costs : List.of(paper, executed)) {
            BudgetSettings.Flops flops = costs == paper ? BudgetSettings.Flops.PAPER : BudgetSettings.Flops.EXECUTED;
            List<BudgetRouter.Scores> images = images();
            long n = images.stream().mapToLong(BudgetRouter.Scores::tiles).sum();
            double lo = (double) costs.cost(0) / costs.original();
            double hi = (double) costs.cost(2) / costs.original();
            for (double target = lo; target <= hi; target += (hi - lo) / 37) {
                BudgetPlan plan = BudgetRouter.plan(images, costs,
                        new BudgetSettings(target, flops, BudgetSettings.Scope.JOB));
                List<int[]> classes = new ArrayList<>();
                for (int i = 0; i < images.size(); i++) {
                    classes.add(plan.classes(i, images.get(i).logits()));
                }
                double reached = ratio(costs, classes);
                assertEquals(plan.reached(), reached, 1e-12, "the plan reports what its routing costs");
                assertTrue(reached <= target + 1e-12, "budget is a ceiling: " + reached + " > " + target);
                assertTrue(target - reached < oneTile(costs, n), "within one tile: " + reached + " for " + target);
                assertTrue(plan.clamped().isEmpty(), plan.clamped().toString());
            }
        }
    }

    @Test
    void imageScopeMeetsTheBudgetInEveryImageInBothConventions() {
        for (TileCosts costs : List.of(paper, executed)) {
            BudgetSettings.Flops flops = costs == paper ? BudgetSettings.Flops.PAPER : BudgetSettings.Flops.EXECUTED;
            List<BudgetRouter.Scores> images = images();
            double target = 0.55;
            BudgetPlan plan = BudgetRouter.plan(images, costs, new BudgetSettings(target, flops, BudgetSettings.Scope.IMAGE));
            assertEquals(images.size(), plan.decisions().size());
            for (int i = 0; i < images.size(); i++) {
                int[] cls = plan.classes(i, images.get(i).logits());
                double reached = ratio(costs, List.of(cls));
                assertTrue(reached <= target + 1e-12 && target - reached < oneTile(costs, cls.length),
                        images.get(i).name() + " reached " + reached);
                assertEquals(plan.decisions().get(i).reached(), reached, 1e-12);
            }
            // The easy image needs a smaller push towards simple than the others.
            assertTrue(plan.decisions().get(2).bias() < plan.decisions().get(0).bias());
        }
    }

    @Test
    void theRoutingIsTheLargestCostWithinBudgetThatAnyBiasGives() {
        // Oracle: try plain argmax(logits + [b, 0, -b]) at every edge and between edges.
        List<BudgetRouter.Scores> images = List.of(new BudgetRouter.Scores("x", logits(60, 9)));
        float[] l = images.get(0).logits();
        List<Double> candidates = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            for (double e : new double[] {BudgetCut.hardEdge(l[3 * t], l[3 * t + 1], l[3 * t + 2]),
                    BudgetCut.simpleEdge(l[3 * t], l[3 * t + 1], l[3 * t + 2])}) {
                candidates.add(e - 1e-6);
                candidates.add(e + 1e-6);
            }
        }
        for (double target : new double[] {0.35, 0.5, 0.61, 0.8, 0.95}) {
            double best = Double.NEGATIVE_INFINITY;
            for (double b : candidates) {
                double r = ratio(paper, List.of(ClassBias.argmax(l, 3, ClassBias.of(b))));
                if (r <= target && r > best) {
                    best = r;
                }
            }
            BudgetPlan plan = BudgetRouter.plan(images, paper,
                    new BudgetSettings(target, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB));
            assertEquals(best, plan.reached(), 1e-12, "target " + target);
            // Without ties, plain argmax at the reported b routes exactly as the plan does.
            BudgetDecision d = plan.decisions().get(0);
            assertFalse(d.tiesSplit());
            assertArrayEquals(ClassBias.argmax(l, 3, ClassBias.of(d.bias())), plan.classes(0, l));
        }
    }

    @Test
    void equalLogitsAreSplitByPositionSoTheBudgetStillHoldsWithinOneTile() {
        // Flat content: every tile scores alike, so all edges coincide.
        float[] same = new float[3 * 200];
        for (int t = 0; t < 200; t++) {
            same[3 * t] = 0.1f;
            same[3 * t + 1] = 0.3f;
            same[3 * t + 2] = 0.2f;
        }
        List<BudgetRouter.Scores> images = List.of(new BudgetRouter.Scores("flat", same));
        BudgetPlan plan = BudgetRouter.plan(images, paper,
                new BudgetSettings(0.6, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB));
        int[] cls = plan.classes(0, same);
        double reached = ratio(paper, List.of(cls));
        assertTrue(reached <= 0.6 && 0.6 - reached < oneTile(paper, 200), "reached " + reached);
        assertTrue(plan.decisions().get(0).tiesSplit());
        // Position order: the first tiles in row-major order move first.
        for (int t = 1; t < cls.length; t++) {
            assertTrue(cls[t] >= cls[t - 1], "tile " + t);
        }
        // And deterministically: the same call gives the same classes.
        assertArrayEquals(cls, BudgetRouter.plan(images, paper,
                new BudgetSettings(0.6, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB)).classes(0, same));
    }

    @Test
    void imagesAreRankedByNameNotByListOrder() {
        float[] same = new float[3 * 10];
        for (int t = 0; t < 10; t++) {
            same[3 * t + 2] = 1f;
        }
        BudgetSettings budget = new BudgetSettings(0.7, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB);
        BudgetPlan ab = BudgetRouter.plan(List.of(new BudgetRouter.Scores("a", same), new BudgetRouter.Scores("b", same)),
                paper, budget);
        BudgetPlan ba = BudgetRouter.plan(List.of(new BudgetRouter.Scores("b", same), new BudgetRouter.Scores("a", same)),
                paper, budget);
        assertArrayEquals(ab.classes(0, same), ba.classes(1, same));
        assertArrayEquals(ab.classes(1, same), ba.classes(0, same));
    }

    @Test
    void budgetsOutsideTheReachableRangeAreClampedWithAMessage() {
        List<BudgetRouter.Scores> images = images();
        BudgetPlan low = BudgetRouter.plan(images, paper,
                new BudgetSettings(0.05, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB));
        long n = low.tiles();
        assertArrayEquals(new long[] {n, 0, 0}, low.tilesPerClass());
        assertEquals((double) paper.cost(0) / paper.original(), low.reached(), 1e-12);
        assertEquals(1, low.clamped().size());
        assertTrue(low.clamped().get(0).contains("below the all-simple cost"), low.clamped().get(0));

        BudgetPlan high = BudgetRouter.plan(images, paper,
                new BudgetSettings(1.5, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB));
        assertArrayEquals(new long[] {0, 0, n}, high.tilesPerClass());
        assertTrue(high.clamped().get(0).contains("above the all-hard cost"), high.clamped().get(0));
        for (int i = 0; i < images.size(); i++) {
            for (int c : high.classes(i, images.get(i).logits())) {
                assertEquals(2, c);
            }
        }

        BudgetPlan inside = BudgetRouter.plan(images, paper,
                new BudgetSettings(0.6, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB));
        assertNull(inside.decisions().get(0).clamped());
    }
}
