package org.classsr.bench;

import java.util.Arrays;

/**
 * The median and spread of repeated measurements: minimum, maximum and the quartiles (linear
 * interpolation between order statistics, the usual "type 7" definition: for n = 4 samples
 * a &lt;= b &lt;= c &lt;= d, Q1 = a + 0.75 (b - a)). In a JSON report it is an object of its components (Jackson).
 */
public record Spread(double median, double min, double max, double q1, double q3, double[] samples) {

    public Spread {
        samples = samples.clone();
    }

    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Spread(quantile(sorted, 0.5), sorted[0], sorted[sorted.length - 1], quantile(sorted, 0.25),
                quantile(sorted, 0.75), values);
    }

    /** The q-quantile of sorted values, interpolating linearly between neighbours. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public double iqr() {
        return q3 - q1;
    }

    @Override
    public double[] samples() {
        return samples.clone();
    }
}
