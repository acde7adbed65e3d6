package org.classsr.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Tiles (or sub-images) by class, given the class of each; and values by class name, as reports show them. */
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

    /** All the tiles counted: the sum of {@code counts}. */
    public static int total(int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** Counts as longs, padded with zeros or cut to {@code classes} entries (one per class a report names). */
    public static long[] widened(int[] counts, int classes) {
        long[] n = new long[classes];
        for (int k = 0; k < Math.min(classes, counts.length); k++) {
            n[k] = counts[k];
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

    /** Class {@code k}'s name: {@code names.get(k)}, or {@code class<k>} past the end of {@code names}. */
    public static String name(List<String> names, int k) {
        return k < names.size() ? names.get(k) : "class" + k;
    }

    /** One value per class, keyed by class name in class order (a report's JSON object). */
    public static Map<String, Object> byName(List<String> names, double[] values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < values.length; k++) {
            m.put(name(names, k), values[k]);
        }
        return m;
    }

    /** One count per class, keyed by class name in class order (a report's JSON object). */
    public static Map<String, Object> byName(List<String> names, long[] counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < counts.length; k++) {
            m.put(name(names, k), counts[k]);
        }
        return m;
    }

    /** Each count's share of the total (0 where the total is 0). */
    public static double[] fractions(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return fractions(counts, total);
    }

    /** Each count's share of {@code n} (0 where {@code n} is 0). */
    public static double[] fractions(long[] counts, long n) {
        double[] f = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            f[k] = n == 0 ? 0 : (double) counts[k] / n;
        }
        return f;
    }
}
