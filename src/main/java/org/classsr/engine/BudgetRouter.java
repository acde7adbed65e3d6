package org.classsr.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the routing that meets a compute budget from the Class-Module's logits, with no second
 * look at the pixels.
 *
 * <p><b>Rule.</b> Under class-bias [b, 0, -b] the cost of a set of tiles is a step function of b,
 * non-increasing as b grows (tiles only move towards simple; see {@link BudgetCut}). Every tile
 * contributes two events (hard to medium, medium to simple) at its edges, or one (hard to simple)
 * when its edges coincide; sorted in the total order of {@link BudgetCut}, each event changes the
 * cost by at most one tile's cost difference (hard minus simple). The chosen routing is the
 * shortest prefix of events whose cost is the largest not exceeding the budget: the budget is a
 * ceiling, reached from below within one tile's step.
 * A budget below the all-simple cost routes every tile simple, one above the all-hard cost every
 * tile hard; both are reported as clamped. The reported b lies halfway between the last applied
 * edge and the next one, so that plain {@code argmax(logits + [b, 0, -b])} routes the same way;
 * when several tiles share the edge at the cut (equal logits), b is that edge and the tie is split
 * by (image rank, tile index).
 *
 * <p>Images are ranked by name (then by their order in the list), so every caller that names the
 * images alike (the Spark job, the one-JVM engine) routes alike.
 */
public final class BudgetRouter {

    /** Internal event kind: a tile without a medium interval goes from hard to simple at once. */
    private static final int TO_SIMPLE_FROM_HARD = 2;

    private BudgetRouter() {
    }

    /** One image's logits, 3 per tile in row-major tile order, under the name that ranks it. */
    public record Scores(String name, float[] logits) {
        public Scores {
            if (logits.length % 3 != 0) {
                throw new IllegalArgumentException(name + ": " + logits.length + " logits do not split into 3 classes");
            }
            for (float v : logits) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(name + ": the Class-Module gave a non-finite logit " + v);
                }
            }
        }

        public int tiles() {
            return logits.length / 3;
        }
    }

    /** The routing of {@code images} (in the caller's order) under {@code budget}. */
    public static BudgetPlan plan(List<Scores> images, TileCosts costs, BudgetSettings budget) {
        if (!budget.enabled()) {
            throw new IllegalArgumentException("no budget set (ratio 0)");
        }
        int[] rank = ranks(images);
        List<BudgetDecision> decisions = new ArrayList<>();
        if (budget.scope() == BudgetSettings.Scope.JOB) {
            int[] all = new int[images.size()];
            Arrays.setAll(all, i -> i);
            decisions.add(decide("job", images, all, rank, costs, budget.ratio()));
        } else {
            for (int i = 0; i < images.size(); i++) {
                decisions.add(decide(images.get(i).name(), images, new int[] {i}, rank, costs, budget.ratio()));
            }
        }
        return new BudgetPlan(budget, rank, decisions);
    }

    /** Rank of each image: by name, then by list position. */
    private static int[] ranks(List<Scores> images) {
        Integer[] order = new Integer[images.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing((Integer i) -> images.get(i).name()).thenComparing(i -> i));
        int[] rank = new int[images.size()];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    private static BudgetDecision decide(String name, List<Scores> images, int[] members, int[] rank, TileCosts costs,
            double asked) {
        int n = 0;
        for (int i : members) {
            n += images.get(i).tiles();
        }
        double[] edge = new double[2 * n];
        int[] image = new int[2 * n];
        int[] index = new int[2 * n];
        int[] kind = new int[2 * n];
        int events = 0;
        for (int i : members) {
            float[] l = images.get(i).logits();
            for (int t = 0; t < l.length / 3; t++) {
                double hard = BudgetCut.hardEdge(l[3 * t], l[3 * t + 1], l[3 * t + 2]);
                double simple = BudgetCut.simpleEdge(l[3 * t], l[3 * t + 1], l[3 * t + 2]);
                if (hard < simple) {
                    edge[events] = hard;
                    image[events] = rank[i];
                    index[events] = t;
                    kind[events++] = BudgetCut.TO_MEDIUM;
                }
                // One event hard to simple when the edges coincide (kind 1 all the same; see BudgetCut).
                edge[events] = simple;
                image[events] = rank[i];
                index[events] = t;
                kind[events++] = hard < simple ? BudgetCut.TO_SIMPLE : TO_SIMPLE_FROM_HARD;
            }
        }
        Integer[] order = new Integer[events];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> edge[j]).thenComparingInt(j -> image[j])
                .thenComparingInt(j -> index[j]).thenComparingInt(j -> Math.min(kind[j], BudgetCut.TO_SIMPLE)));

        double unit = (double) n * costs.original();
        double target = asked * unit;
        long[] step = {costs.cost(1) - costs.cost(2), costs.cost(0) - costs.cost(1), costs.cost(0) - costs.cost(2)};
        long cost = (long) n * costs.cost(2);
        // Best prefix: the largest cost within the target, the shortest prefix on equal costs.
        int best = cost <= target * (1 + 1e-12) ? 0 : -1;
        long bestCost = best == 0 ? cost : Long.MIN_VALUE;
        int cheapest = 0;
        long cheapestCost = cost;
        for (int k = 1; k <= events; k++) {
            cost += step[kind[order[k - 1]]];
            if (cost <= target * (1 + 1e-12) && cost > bestCost) {
                best = k;
                bestCost = cost;
            }
            if (cost < cheapestCost) {
                cheapest = k;
                cheapestCost = cost;
            }
        }
        double allHard = n == 0 ? 0 : (double) n * costs.cost(2) / unit;
        double allSimple = n == 0 ? 0 : (double) n * costs.cost(0) / unit;
        String clamped = null;
        if (n > 0 && best < 0) {
            best = cheapest;
            clamped = String.format(Locale.ROOT, "%s: budget %.4f is below the all-simple cost %.4f of its %d tiles: "
                    + "clamped to it (every tile simple)", name, asked, allSimple, n);
        } else if (n > 0 && asked > allHard * (1 + 1e-12)) {
            clamped = String.format(Locale.ROOT, "%s: budget %.4f is above the all-hard cost %.4f of its %d tiles: "
                    + "clamped to it (every tile hard)", name, asked, allHard, n);
        }
        best = Math.max(best, 0);

        long[] counts = {0, 0, n};
        long reachedCost = (long) n * costs.cost(2);
        for (int k = 0; k < best; k++) {
            int what = kind[order[k]];
            counts[what == BudgetCut.TO_MEDIUM ? 2 : what == BudgetCut.TO_SIMPLE ? 1 : 2]--;
            counts[what == BudgetCut.TO_MEDIUM ? 1 : 0]++;
            reachedCost += step[what];
        }
        BudgetCut cut = BudgetCut.NONE;
        double b = 0;
        boolean ties = false;
        if (events > 0) {
            if (best == 0) {
                b = edge[order[0]] - 1;
            } else {
                int last = order[best - 1];
                cut = new BudgetCut(edge[last], image[last], index[last], Math.min(kind[last], BudgetCut.TO_SIMPLE));
                if (best == events) {
                    b = edge[last] + 1;
                } else {
                    double next = edge[order[best]];
                    ties = next == edge[last];
                    b = ties ? edge[last] : (edge[last] + next) / 2;
                }
            }
        }
        double reached = n == 0 ? 0 : reachedCost / unit;
        return new BudgetDecision(name, n, asked, reached, b, ties, counts, allSimple, allHard, clamped, cut);
    }
}
