package org.classsr.engine;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classsr.model.ClassCounts;

/**
 * The routing chosen for a budget: the rank of every image (in the caller's order) and one decision
 * for the job or one per image. Small and serializable: Spark executors route by it.
 */
public record BudgetPlan(BudgetSettings budget, int[] ranks, List<BudgetDecision> decisions) implements Serializable {

    public BudgetPlan {
        ranks = ranks.clone();
        decisions = List.copyOf(decisions);
    }

    /** The cut that routes image {@code image} (its position in the list given to the router). */
    public BudgetCut cut(int image) {
        return decisions.get(budget.scope() == BudgetSettings.Scope.JOB ? 0 : image).cut();
    }

    public int rank(int image) {
        return ranks[image];
    }

    /** The class of every tile of image {@code image} from its logits (3 per tile). */
    public int[] classes(int image, float[] logits) {
        BudgetCut cut = cut(image);
        int[] out = new int[logits.length / 3];
        for (int t = 0; t < out.length; t++) {
            out[t] = cut.classOf(logits, ranks[image], t);
        }
        return out;
    }

    /** The class of one tile with logits (s, m, h). */
    public int classOf(int image, int index, float s, float m, float h) {
        return cut(image).classOf(s, m, h, ranks[image], index);
    }

    public long tiles() {
        return decisions.stream().mapToLong(BudgetDecision::tiles).sum();
    }

    /** The cost reached over all tiles (a fraction of the "-O" network's). */
    public double reached() {
        long n = tiles();
        return n == 0 ? 0 : decisions.stream().mapToDouble(d -> d.reached() * d.tiles()).sum() / n;
    }

    public long[] tilesPerClass() {
        long[] c = new long[3];
        for (BudgetDecision d : decisions) {
            long[] t = d.tilesPerClass();
            for (int k = 0; k < 3; k++) {
                c[k] += t[k];
            }
        }
        return c;
    }

    /** The clamping messages (empty when every scope met its budget). */
    public List<String> clamped() {
        return decisions.stream().map(BudgetDecision::clamped).filter(m -> m != null).toList();
    }

    /** The knob b of the job, or the smallest and largest b over the images. */
    public double[] biasRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (BudgetDecision d : decisions) {
            if (d.tiles() > 0) {
                lo = Math.min(lo, d.bias());
                hi = Math.max(hi, d.bias());
            }
        }
        return lo > hi ? new double[] {0, 0} : new double[] {lo, hi};
    }

    /** One line for people: asked, reached, bias, class fractions. */
    public String line(List<String> classNames) {
        long[] c = tilesPerClass();
        long n = tiles();
        StringBuilder f = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            f.append(k == 0 ? "" : " / ").append(classNames.get(k)).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f%%", n == 0 ? 0.0 : 100.0 * c[k] / n));
        }
        double[] b = biasRange();
        String bias = b[0] == b[1] ? String.format(Locale.ROOT, "b = %.4f", b[0])
                : String.format(Locale.ROOT, "b = %.4f .. %.4f over %d images", b[0], b[1], decisions.size());
        return String.format(Locale.ROOT, "budget: asked %.4f of \"-O\" %s FLOPs per %s, reached %.4f; class-bias [b, 0, -b] with %s; %s",
                budget.ratio(), budget.flops().name().toLowerCase(Locale.ROOT),
                budget.scope().name().toLowerCase(Locale.ROOT), reached(), bias, f);
    }

    /** The report's "budget" object. */
    public Map<String, Object> toJson(List<String> classNames) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratio_asked", budget.ratio());
        m.put("flops", budget.flops().name().toLowerCase(Locale.ROOT));
        m.put("scope", budget.scope().name().toLowerCase(Locale.ROOT));
        m.put("ratio_reached", reached());
        double[] b = biasRange();
        if (budget.scope() == BudgetSettings.Scope.JOB) {
            m.put("bias", List.of(b[0], 0.0, -b[0]));
        } else {
            m.put("bias_range", List.of(b[0], b[1]));
        }
        m.put("class_fraction", ClassCounts.byName(classNames, ClassCounts.fractions(tilesPerClass(), tiles())));
        m.put("clamped", clamped());
        m.put("decisions", decisions.stream().map(d -> d.toJson(classNames)).toList());
        return m;
    }

    @Override
    public int[] ranks() {
        return ranks.clone();
    }
}
