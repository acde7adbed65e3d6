package org.classsr.geo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.classsr.image.FloatImage;
import org.classsr.tile.BandSink;

/**
 * Streams a multi-band GeoTIFF row by row, as the project's {@code TiffBandWriter} streams RGB:
 * the output stream cannot seek (S3A, HDFS), so the header, the one IFD with the carried geo tags
 * and the strip tables are computed from the size alone and written first, then the pixel rows in
 * order. One scanline is held, whatever the image size. Any band count, pixel-interleaved, in
 * Byte, UInt16, Int16 or Float32 (bands arrive as raw values and are stored by
 * {@link SampleType#store}); BigTIFF when the file would pass 4 GiB.
 */
public final class GeoTiffWriter implements BandSink, AutoCloseable {

    static final long CLASSIC_LIMIT = 1L << 32;
    static final int STRIP_BYTES = 256 * 1024;

    private static final int LONG8 = 16;

    /** How the bands are described in the file. */
    public record Layout(int width, int height, int bands, SampleType type, int photometric, long[] extraSamples) {

        public Layout {
            if (width < 1 || height < 1 || bands < 1) {
                throw new IllegalArgumentException("GeoTIFF output must have pixels and bands, got " + width + "x"
                        + height + "x" + bands);
            }
            // RGB needs three colour bands; anything else is grey plus extra bands, as GDAL writes it.
            photometric = photometric == 2 && bands >= 3 ? 2 : 1;
            int extra = bands - (photometric == 2 ? 3 : 1);
            long[] e = new long[extra];
            for (int i = 0; i < extra; i++) {
                e[i] = extraSamples != null && extraSamples.length == extra ? extraSamples[i] : 0;
            }
            extraSamples = e;
        }

        long rowBytes() {
            return (long) width * bands * type.bytes();
        }
    }

    private final OutputStream out;
    private final Layout layout;
    private final boolean big;
    private final ByteBuffer scanline;
    private int rows;
    private boolean closed;

    public GeoTiffWriter(OutputStream out, Layout layout, GeoTags tags) throws IOException {
        this(out, layout, tags, CLASSIC_LIMIT, STRIP_BYTES);
    }

    GeoTiffWriter(OutputStream out, Layout layout, GeoTags tags, long classicLimit, int stripBytes) throws IOException {
        if (layout.rowBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a row of " + layout.rowBytes() + " bytes is too long");
        }
        this.out = out;
        this.layout = layout;
        int perStrip = (int) Math.min(layout.height(), Math.max(1, stripBytes / layout.rowBytes()));
        long classicSize = header(layout, tags, perStrip, false, false).length + layout.rowBytes() * layout.height();
        this.big = classicSize > classicLimit;
        this.scanline = ByteBuffer.allocate((int) layout.rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
        out.write(header(layout, tags, perStrip, big, true));
    }

    boolean bigTiff() {
        return big;
    }

    /** Takes rows of all bands as raw values (band-major planes of {@code band.height()} rows). */
    @Override
    public void accept(int y0, FloatImage band) {
        if (closed) {
            throw new IllegalStateException("GeoTIFF writer already closed");
        }
        if (band.width() != layout.width() || band.channels() != layout.bands() || y0 != rows
                || rows + band.height() > layout.height()) {
            throw new IllegalArgumentException("band " + band + " at row " + y0 + " does not continue a "
                    + layout.width() + "x" + layout.height() + " " + layout.bands() + "-band GeoTIFF at row " + rows);
        }
        float[] d = band.data();
        int plane = band.planeSize();
        SampleType type = layout.type();
        try {
            for (int r = 0; r < band.height(); r++) {
                scanline.clear();
                int row = r * layout.width();
                for (int x = 0; x < layout.width(); x++) {
                    for (int c = 0; c < layout.bands(); c++) {
                        double v = type.store(d[c * plane + row + x]);
                        switch (type) {
                            case BYTE -> scanline.put((byte) (int) v);
                            case UINT16, INT16 -> scanline.putShort((short) (int) v);
                            case FLOAT32 -> scanline.putFloat((float) v);
                        }
                    }
                }
                out.write(scanline.array());
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write GeoTIFF row " + rows + " (" + e.getMessage() + ")", e);
        }
    }

    /** Checks that every row came and flushes; the stream stays open for its owner to commit. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (rows != layout.height()) {
            throw new IllegalStateException("GeoTIFF closed after " + rows + " of " + layout.height() + " rows");
        }
        closed = true;
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush GeoTIFF (" + e.getMessage() + ")", e);
        }
    }

    // ---------------------------------------------------------------- header

    /** One IFD entry with its value already encoded little-endian. */
    private record Entry(int tag, int type, long count, byte[] value) {
    }

    private static Entry numbers(int tag, int type, long... values) {
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

    /** A carried field in the type it came in (integers as SHORT or LONG, numbers as DOUBLE, text as ASCII). */
    private static Entry carried(TiffField f) {
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
        boolean shorts = java.util.Arrays.stream(v).allMatch(x -> x >= 0 && x <= 0xFFFF);
        return numbers(f.tag(), shorts ? TiffField.SHORT : TiffField.LONG, v);
    }

    private static byte[] header(Layout l, GeoTags tags, int perStrip, boolean big, boolean fill) {
        int strips = (l.height() + perStrip - 1) / perStrip;
        long[] offsets = new long[strips];
        long[] counts = new long[strips];
        for (int s = 0; s < strips; s++) {
            counts[s] = l.rowBytes() * Math.min(perStrip, l.height() - (long) s * perStrip);
        }
        long[] bits = new long[l.bands()];
        long[] formats = new long[l.bands()];
        java.util.Arrays.fill(bits, l.type().bits());
        java.util.Arrays.fill(formats, l.type().sampleFormat());
        int offsetType = big ? LONG8 : TiffField.LONG;
        List<Entry> entries = new ArrayList<>();
        entries.add(numbers(256, TiffField.LONG, l.width()));
        entries.add(numbers(257, TiffField.LONG, l.height()));
        entries.add(numbers(258, TiffField.SHORT, bits));
        entries.add(numbers(259, TiffField.SHORT, 1));
        entries.add(numbers(262, TiffField.SHORT, l.photometric()));
        entries.add(numbers(277, TiffField.SHORT, l.bands()));
        entries.add(numbers(278, TiffField.LONG, perStrip));
        entries.add(numbers(279, offsetType, counts));
        entries.add(numbers(284, TiffField.SHORT, 1));
        if (l.extraSamples().length > 0) {
            entries.add(numbers(338, TiffField.SHORT, l.extraSamples()));
        }
        entries.add(numbers(339, TiffField.SHORT, formats));
        for (TiffField f : tags.fields()) {
            entries.add(carried(f));
        }
        entries.add(numbers(273, offsetType, offsets)); // placeholder until the size is known
        entries.sort(Comparator.comparingInt(Entry::tag));

        int headerSize = big ? 16 : 8;
        int entrySize = big ? 20 : 12;
        int inline = big ? 8 : 4;
        long ifdSize = (big ? 8 : 2) + (long) entrySize * entries.size() + (big ? 8 : 4);
        long extra = 0;
        for (Entry e : entries) {
            if (e.value().length > inline) {
                extra += (e.value().length + 1) & ~1L;
            }
        }
        long total = headerSize + ifdSize + extra;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("GeoTIFF strip tables of " + total + " bytes are too long");
        }
        if (fill) {
            long at = total;
            for (int s = 0; s < strips; s++) {
                offsets[s] = at;
                at += counts[s];
            }
            Entry filled = numbers(273, offsetType, offsets);
            entries.replaceAll(e -> e.tag() == 273 ? filled : e);
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
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
            b.putLong(0);
        } else {
            b.putInt(0);
        }
        return b.array();
    }
}
