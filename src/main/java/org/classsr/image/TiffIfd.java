package org.classsr.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A TIFF header and one IFD, little-endian, classic or BigTIFF, built from entries whose values
 * are already encoded; the pixel data starts right after it ({@link #size}). Shared by every
 * TIFF writer (the streaming RGB one and the GeoTIFF ones).
 */
public final class TiffIfd {

    public static final int ASCII = 2;
    public static final int SHORT = 3;
    public static final int LONG = 4;
    public static final int RATIONAL = 5;
    public static final int DOUBLE = 12;
    public static final int LONG8 = 16;

    private TiffIfd() {
    }

    /** One IFD entry with its value encoded little-endian. */
    public record Entry(int tag, int type, long count, byte[] value) {
    }

    /** SHORT, LONG or LONG8 values. */
    public static Entry numbers(int tag, int type, long... values) {
        int size = type == SHORT ? 2 : type == LONG ? 4 : 8;
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (size) {
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return new Entry(tag, type, values.length, b.array());
    }

    /** Offsets or byte counts: LONG in a classic TIFF, LONG8 in a BigTIFF. */
    public static Entry offsets(int tag, boolean big, long[] values) {
        return numbers(tag, big ? LONG8 : LONG, values);
    }

    /** One RATIONAL value. */
    public static Entry rational(int tag, long numerator, long denominator) {
        byte[] v = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) numerator)
                .putInt((int) denominator).array();
        return new Entry(tag, RATIONAL, 1, v);
    }

    /** Bytes of the header and IFD, where the pixel data begins (independent of the offsets' values). */
    public static long size(List<Entry> entries, boolean big) {
        int inline = big ? 8 : 4;
        long total = (big ? 16 : 8) + (big ? 8 : 2) + (long) (big ? 20 : 12) * entries.size() + (big ? 8 : 4);
        for (Entry e : entries) {
            if (e.value().length > inline) {
                total += (e.value().length + 1) & ~1L; // word-aligned
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("TIFF tag tables of " + total + " bytes are too long");
        }
        return total;
    }

    /** Byte counts of the strips of {@code rowsPerStrip} rows (the last may be shorter) of an image {@code height} rows high. */
    public static long[] stripCounts(long rowBytes, int height, int rowsPerStrip) {
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        long[] counts = new long[strips];
        for (int s = 0; s < strips; s++) {
            counts[s] = rowBytes * Math.min(rowsPerStrip, height - (long) s * rowsPerStrip);
        }
        return counts;
    }

    /**
     * The header and IFD plus an offsets entry ({@code offsetsTag}) for data chunks of
     * {@code counts} bytes that follow the IFD back to back. With {@code fill} false the offsets
     * are left 0: only the length is wanted (it does not depend on their values).
     */
    public static byte[] withOffsets(List<Entry> entries, int offsetsTag, long[] counts, boolean big, boolean fill) {
        List<Entry> all = new ArrayList<>(entries);
        long[] offsets = new long[counts.length];
        all.add(offsets(offsetsTag, big, offsets));
        if (fill) {
            long at = size(all, big);
            for (int i = 0; i < counts.length; i++) {
                offsets[i] = at;
                at += counts[i];
            }
            all.set(all.size() - 1, offsets(offsetsTag, big, offsets));
        }
        return write(all, big);
    }

    /** The header and IFD, entries sorted by tag as TIFF requires. */
    public static byte[] write(List<Entry> unsorted, boolean big) {
        List<Entry> entries = new ArrayList<>(unsorted);
        entries.sort(Comparator.comparingInt(Entry::tag));
        int headerSize = big ? 16 : 8;
        int inline = big ? 8 : 4;
        long ifdSize = (big ? 8 : 2) + (long) (big ? 20 : 12) * entries.size() + (big ? 8 : 4);
        ByteBuffer b = ByteBuffer.allocate((int) size(entries, big)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I');
        if (big) {
            b.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(headerSize);
            b.putLong(entries.size());
        } else {
            b.putShort((short) 42).putInt(headerSize);
            b.putShort((short) entries.size());
        }
        long outOfLine = headerSize + ifdSize;
        for (Entry e : entries) {
            b.putShort((short) e.tag()).putShort((short) e.type());
            if (big) {
                b.putLong(e.count());
            } else {
                b.putInt((int) e.count());
            }
            int slot = b.position();
            if (e.value().length <= inline) {
                b.put(e.value());
            } else {
                if (big) {
                    b.putLong(outOfLine);
                } else {
                    b.putInt((int) outOfLine);
                }
                b.position((int) outOfLine);
                b.put(e.value());
                outOfLine += (e.value().length + 1) & ~1L;
            }
            b.position(slot + inline);
        }
        if (big) {
            b.putLong(0); // no next IFD
        } else {
            b.putInt(0);
        }
        return b.array();
    }
}
