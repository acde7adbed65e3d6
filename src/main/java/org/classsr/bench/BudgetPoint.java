package org.classsr.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ClassSR at one compute budget ({@code bench --sweep-budget}): the budget asked, the ratio its
 * routing reached (in the budget's FLOPs convention), the class-bias b it chose (per job; per
 * image the smallest and largest b), quality, class split and time. Ratios are against the "-O"
 * network on the same images.
 */
public record BudgetPoint(double asked, double reached, double[] biasRange, double psnrY, double[] classFraction,
        double paperFlopsRatio, double executedFlopsRatio, Spread secondsPerImage, double timeRatio,
        List<String> clamped) implements Measured {

    public BudgetPoint {
        biasRange = biasRange.clone();
        classFraction = classFraction.clone();
        clamped = List.copyOf(clamped);
    }

    @Override
    public double[] biasRange() {
        return biasRange.clone();
    }

    @Override
    public double[] classFraction() {
        return classFraction.clone();
    }

    /** The report's row for this budget (an entry of "budget_sweep"). */
    Map<String, Object> toJson(List<String> classNames) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ratio_asked", asked);
        r.put("ratio_reached", reached);
        r.put("bias_range", biasRange());
        putMeasured(r, classNames);
        r.put("clamped", clamped);
        return r;
    }
}
