package org.classsr.geo;

import java.util.Arrays;

/**
 * One TIFF tag as read from a directory: integer types as {@code longs}, RATIONAL, FLOAT and
 * DOUBLE as {@code doubles}, ASCII as {@code text} (without its trailing NUL). Exactly one of the
 * three is set.
 *
 * @param type the TIFF field type (3 SHORT, 4 LONG, 12 DOUBLE, 2 ASCII, ...)
 */
public record TiffField(int tag, int type, long[] longs, double[] doubles, String text) {

    public static final int ASCII = 2;
    public static final int SHORT = 3;
    public static final int LONG = 4;
    public static final int DOUBLE = 12;

    public TiffField {
        longs = longs == null ? null : longs.clone();
        doubles = doubles == null ? null : doubles.clone();
    }

    public static TiffField shorts(int tag, int... values) {
        return new TiffField(tag, SHORT, Arrays.stream(values).asLongStream().toArray(), null, null);
    }

    public static TiffField doubles(int tag, double... values) {
        return new TiffField(tag, DOUBLE, null, values, null);
    }

    public static TiffField ascii(int tag, String text) {
        return new TiffField(tag, ASCII, null, null, text);
    }

    @Override
    public long[] longs() {
        return longs == null ? null : longs.clone();
    }

    @Override
    public double[] doubles() {
        return doubles == null ? null : doubles.clone();
    }

    /** The values as doubles whatever the numeric type; {@code null} for ASCII. */
    public double[] numbers() {
        if (doubles != null) {
            return doubles.clone();
        }
        return longs == null ? null : Arrays.stream(longs).asDoubleStream().toArray();
    }

    /** The first value as a long (a numeric field with at least one value). */
    public long first() {
        return longs != null ? longs[0] : (long) doubles[0];
    }

    public int count() {
        return text != null ? text.length() + 1 : longs != null ? longs.length : doubles.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TiffField f && f.tag == tag && f.type == type && Arrays.equals(f.longs, longs)
                && Arrays.equals(f.doubles, doubles) && java.util.Objects.equals(f.text, text);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(tag, type, Arrays.hashCode(longs), Arrays.hashCode(doubles), text);
    }

    @Override
    public String toString() {
        String v = text != null ? '"' + text + '"' : longs != null ? Arrays.toString(longs) : Arrays.toString(doubles);
        return "TiffField[" + tag + ", type " + type + ", " + v + "]";
    }
}
