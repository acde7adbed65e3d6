package org.classsr.geo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A TIFF header and one IFD, little-endian, classic or BigTIFF, built from entries whose values
 * are already encoded; the pixel data starts right after it ({@link #size}). Shared by the strip
 * and the tiled GeoTIFF writers.
 */
final class TiffIfd {

    private static final int LONG8 = 16;

    private TiffIfd() {
    }

    /** One IFD entry with its value encoded little-endian. */
    record Entry(int tag, int type, long count, byte[] value) {
    }

    static Entry numbers(int tag, int type, long... values) {
        int size = type == TiffField.SHORT ? 2 : type == TiffField.LONG ? 4 : 8;
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
    static Entry offsets(int tag, boolean big, long[] values) {
        return numbers(tag, big ? LONG8 : TiffField.LONG, values);
    }

    /** A carried field in the type it came in (integers as SHORT or LONG, numbers as DOUBLE, text as ASCII). */
    static Entry carried(TiffField f) {
        if (f.text() != null) {
            byte[] t = (f.text() + "\0").getBytes(StandardCharsets.ISO_8859_1);
            return new Entry(f.tag(), TiffField.ASCII, t.length, t);
        }
        if (f.doubles() != null) {
            double[] d = f.doubles();
            ByteBuffer b = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : d) {
                b.putDouble(v);
            }
            return new Entry(f.tag(), TiffField.DOUBLE, d.length, b.array());
        }
        long[] v = f.longs();
        boolean shorts = Arrays.stream(v).allMatch(x -> x >= 0 && x <= 0xFFFF);
        return numbers(f.tag(), shorts ? TiffField.SHORT : TiffField.LONG, v);
    }

    /** The entries every layout shares: size, samples, photometric, extra samples, the carried geo tags. */
    static List<Entry> common(GeoTiffWriter.Layout l, GeoTags tags, int compression) {
        long[] bits = new long[l.bands()];
        long[] formats = new long[l.bands()];
        Arrays.fill(bits, l.type().bits());
        Arrays.fill(formats, l.type().sampleFormat());
        List<Entry> entries = new ArrayList<>();
        entries.add(numbers(256, TiffField.LONG, l.width()));
        entries.add(numbers(257, TiffField.LONG, l.height()));
        entries.add(numbers(258, TiffField.SHORT, bits));
        entries.add(numbers(259, TiffField.SHORT, compression));
        entries.add(numbers(262, TiffField.SHORT, l.photometric()));
        entries.add(numbers(277, TiffField.SHORT, l.bands()));
        entries.add(numbers(284, TiffField.SHORT, 1));
        if (l.extraSamples().length > 0) {
            entries.add(numbers(338, TiffField.SHORT, l.extraSamples()));
        }
        entries.add(numbers(339, TiffField.SHORT, formats));
        for (TiffField f : tags.fields()) {
            entries.add(carried(f));
        }
        return entries;
    }

    /** Bytes of the header and IFD, where the pixel data begins (independent of the offsets' values). */
    static long size(List<Entry> entries, boolean big) {
        int inline = big ? 8 : 4;
        long total = (big ? 16 : 8) + (big ? 8 : 2) + (long) (big ? 20 : 12) * entries.size() + (big ? 8 : 4);
        for (Entry e : entries) {
            if (e.value().length > inline) {
                total += (e.value().length + 1) & ~1L; // word-aligned
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("GeoTIFF tag tables of " + total + " bytes are too long");
        }
        return total;
    }

    /** The header and IFD, entries sorted by tag as TIFF requires. */
    static byte[] write(List<Entry> unsorted, boolean big) {
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
