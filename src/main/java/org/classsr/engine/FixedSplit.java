package org.classsr.engine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed share of the tiles for each class, used instead of the classifier's choice to time a
 * model at a chosen operating point (e.g. the paper's class split) whatever its classifier would
 * pick. The engine still runs the classifier on every tile, so its cost stays in the time.
 *
 * <p>Of n tiles, class k gets exactly {@code round(fraction[k] * n)}; what rounding leaves over
 * (or takes too many) goes to the class with the largest fraction. Which tiles get which class is
 * a fixed function of n: the tiles are ordered by a hash of their index and taken class by class
 * in that order, so the classes are spread over the image as a classifier spreads them (every
 * chunk of the engine gets about its share, batches are not all one class), and the same image
 * size always gives the same routing.
 */
public record FixedSplit(double[] fractions) implements Serializable {

    /** How far the fractions' sum may be from 1. */
    public static final double TOLERANCE = 1e-6;

    public FixedSplit {
        fractions = fractions.clone();
        if (fractions.length == 0) {
            throw new IllegalArgumentException("a split needs one fraction per class, got none");
        }
        double sum = 0;
        for (double f : fractions) {
            if (!Double.isFinite(f) || f < 0) {
                throw new IllegalArgumentException("split " + text(fractions)
                        + ": fractions must be numbers >= 0, got " + f);
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException("split " + text(fractions) + ": fractions must sum to 1 (within "
                    + TOLERANCE + "), they sum to " + String.format(java.util.Locale.ROOT, "%.6f", sum));
        }
    }

    /**
     * The split for a model with these classes; one clear error when the count is wrong, a
     * fraction is negative or the sum is not 1.
     */
    public static FixedSplit of(List<Double> fractions, List<String> classNames) {
        if (fractions.size() != classNames.size()) {
            throw new IllegalArgumentException("split " + text(fractions.stream().mapToDouble(Double::doubleValue).toArray())
                    + ": needs " + classNames.size() + " fractions, one per class (" + String.join(", ", classNames)
                    + "), got " + fractions.size());
        }
        return new FixedSplit(fractions.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public int classes() {
        return fractions.length;
    }

    /** Tiles per class out of n: round(fraction * n) each, the remainder to the largest fraction. */
    public int[] counts(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("tile count must be >= 0, got " + n);
        }
        int[] counts = new int[fractions.length];
        int sum = 0;
        for (int k = 0; k < counts.length; k++) {
            counts[k] = (int) Math.round(fractions[k] * n);
            sum += counts[k];
        }
        // Largest fraction first (ties: the lower class); with many classes rounding can take
        // more than the largest holds, so the excess moves on to the next largest.
        Integer[] order = new Integer[counts.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(fractions[b], fractions[a]));
        int left = n - sum;
        for (int i = 0; left != 0 && i < order.length; i++) {
            int k = order[i];
            int change = Math.max(left, -counts[k]);
            counts[k] += change;
            left -= change;
        }
        return counts;
    }

    /** The class of each of n tiles (tile i is the engine's i-th tile, row-major). */
    public int[] assign(int n) {
        int[] counts = counts(n);
        // Order the tiles by a 32-bit hash of their index (the index breaks ties): a fixed,
        // well-mixed order, so each class's tiles are scattered over the image.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (mix(i) >>> 32) << 32 | i;
        }
        Arrays.sort(keys);
        int[] classes = new int[n];
        int next = 0;
        for (int k = 0; k < counts.length; k++) {
            for (int j = 0; j < counts[k]; j++) {
                classes[(int) keys[next++]] = k;
            }
        }
        return classes;
    }

    /** SplitMix64's finaliser: a bijection of 64-bit values that mixes every input bit into every output bit. */
    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String text(double[] fractions) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < fractions.length; k++) {
            sb.append(k == 0 ? "" : ",").append(fractions[k]);
        }
        return sb.toString();
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedSplit s && Arrays.equals(fractions, s.fractions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fractions);
    }

    @Override
    public String toString() {
        return "FixedSplit[" + text(fractions) + "]";
    }
}
