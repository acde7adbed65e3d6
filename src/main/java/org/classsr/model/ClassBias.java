package org.classsr.model;

import java.util.function.DoubleUnaryOperator;

/**
 * The one-knob family of class biases that moves a 3-class model's operating point:
 * {@code class-bias = [b, 0, -b]} is added to the classifier's logits before the argmax, so b > 0
 * sends tiles towards the simple branch (fewer FLOPs) and b < 0 towards the hard one. Test-time
 * calibration ({@code classsr calibrate}) and the routed fine-tuning stage of training both
 * choose b for a paper-FLOPs budget with {@link #knobForBudget}.
 */
public final class ClassBias {

    private ClassBias() {
    }

    /** The bias of knob value b. */
    public static double[] of(double b) {
        return new double[] {b, 0, -b};
    }

    /** The class of each tile: argmax over its {@code classes} logits plus the per-class bias. */
    public static int[] argmax(float[] logits, int classes, double[] bias) {
        if (logits.length % classes != 0) {
            throw new IllegalArgumentException(logits.length + " logits do not split into " + classes + " classes");
        }
        int n = logits.length / classes;
        int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double v = logits[i * classes + k] + (k < bias.length ? bias[k] : 0.0);
                if (v > bestValue) {
                    bestValue = v;
                    best = k;
                }
            }
            result[i] = best;
        }
        return result;
    }

    /**
     * The smallest |b| whose paper-FLOPs ratio is at most {@code target}, by bisection (b >= 0
     * when the unbiased model is over budget, b <= 0 when it is under).
     *
     * @param ratioAt the paper-FLOPs ratio at knob value b (non-increasing in b)
     */
    public static double knobForBudget(DoubleUnaryOperator ratioAt, double target) {
        double zero = ratioAt.applyAsDouble(0);
        if (Math.abs(zero - target) < 1e-9) {
            return 0;
        }
        boolean over = zero > target;
        double lo = 0;
        double hi = over ? 1 : -1;
        // Widen until the far end is on the other side of the target (logit scales are modest).
        while (Math.abs(hi) < 1e3 && (ratioAt.applyAsDouble(hi) > target) == over) {
            hi *= 2;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if ((ratioAt.applyAsDouble(mid) > target) == over) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // hi is on the budget side when over (ratio <= target); when under, lo stays within budget.
        return over ? hi : lo;
    }
}
