package org.classsr.model;

import java.util.stream.IntStream;

/** Tiles (or sub-images) by class, given the class of each. */
public final class ClassCounts {

    private ClassCounts() {
    }

    /** How many of {@code classes} are of each class 0 to {@code count - 1}. */
    public static int[] perClass(int[] classes, int count) {
        int[] n = new int[count];
        for (int c : classes) {
            n[c]++;
        }
        return n;
    }

    /** Positions i with {@code classes[i] == k}, ascending. */
    public static int[] members(int[] classes, int k) {
        return members(classes, classes.length, k);
    }

    /** As {@link #members(int[], int)} over the first {@code length} entries. */
    public static int[] members(int[] classes, int length, int k) {
        return IntStream.range(0, length).filter(i -> classes[i] == k).toArray();
    }

    /** The share of {@code classes} in each class 0 to {@code count - 1}. */
    public static double[] fractions(int[] classes, int count) {
        return fractions(java.util.Arrays.stream(perClass(classes, count)).asLongStream().toArray());
    }

    /** Each count's share of the total (0 where the total is 0). */
    public static double[] fractions(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] f = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            f[k] = total == 0 ? 0 : (double) counts[k] / total;
        }
        return f;
    }
}
