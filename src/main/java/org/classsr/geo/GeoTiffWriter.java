package org.classsr.geo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.classsr.image.FloatImage;
import org.classsr.image.TiffIfd;

/**
 * Streams a multi-band GeoTIFF row by row, as the project's {@code TiffBandWriter} streams RGB:
 * the output stream cannot seek (S3A, HDFS), so the header, the one IFD with the carried geo tags
 * and the strip tables are computed from the size alone and written first, then the pixel rows in
 * order. One scanline is held, whatever the image size. Any band count, pixel-interleaved, in
 * Byte, UInt16, Int16 or Float32 (bands arrive as raw values and are stored by
 * {@link SampleType#store}); BigTIFF when the file would pass 4 GiB.
 */
public final class GeoTiffWriter extends GeoRowWriter {

    static final long CLASSIC_LIMIT = 1L << 32;
    static final int STRIP_BYTES = 256 * 1024;


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

        /** Refuses a band of rows that does not continue this raster at row {@code next}. */
        void checkContinues(int y0, FloatImage band, int next) {
            if (band.width() != width || band.channels() != bands || y0 != next || next + band.height() > height) {
                throw new IllegalArgumentException("band " + band + " at row " + y0 + " does not continue a "
                        + width + "x" + height + " " + bands + "-band GeoTIFF at row " + next);
            }
        }

        /** Appends row {@code r} of {@code band} to {@code out}, samples of a pixel together, as stored. */
        void putRow(ByteBuffer out, FloatImage band, int r) {
            float[] d = band.data();
            int plane = band.planeSize();
            int row = r * width;
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < bands; c++) {
                    put(out, type, d[c * plane + row + x]);
                }
            }
        }
    }

    private final OutputStream out;
    private final boolean big;
    private final ByteBuffer scanline;

    public GeoTiffWriter(OutputStream out, Layout layout, GeoTags tags) throws IOException {
        this(out, layout, tags, CLASSIC_LIMIT, STRIP_BYTES);
    }

    GeoTiffWriter(OutputStream out, Layout layout, GeoTags tags, long classicLimit, int stripBytes) throws IOException {
        super(layout);
        if (layout.rowBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a row of " + layout.rowBytes() + " bytes is too long");
        }
        this.out = out;
        int perStrip = (int) Math.min(layout.height(), Math.max(1, stripBytes / layout.rowBytes()));
        long classicSize = header(layout, tags, perStrip, false, false).length + layout.rowBytes() * layout.height();
        this.big = classicSize > classicLimit;
        this.scanline = ByteBuffer.allocate((int) layout.rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
        out.write(header(layout, tags, perStrip, big, true));
    }

    boolean bigTiff() {
        return big;
    }

    @Override
    void writeRow(FloatImage band, int r, int y) throws IOException {
        scanline.clear();
        layout.putRow(scanline, band, r);
        out.write(scanline.array());
    }

    /** Appends one sample as {@code type} stores it, little-endian. */
    static void put(ByteBuffer b, SampleType type, float value) {
        double v = type.store(value);
        switch (type) {
            case BYTE -> b.put((byte) (int) v);
            case UINT16, INT16 -> b.putShort((short) (int) v);
            case FLOAT32 -> b.putFloat((float) v);
        }
    }

    /** Checks that every row came and flushes; the stream stays open for its owner to commit. */
    @Override
    public void close() {
        if (closed()) {
            return;
        }
        requireAllRows();
        markClosed();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush GeoTIFF (" + e.getMessage() + ")", e);
        }
    }

    // ---------------------------------------------------------------- header

    private static byte[] header(Layout l, GeoTags tags, int perStrip, boolean big, boolean fill) {
        long[] counts = TiffIfd.stripCounts(l.rowBytes(), l.height(), perStrip);
        List<TiffIfd.Entry> entries = GeoIfd.common(l, tags, 1);
        entries.add(TiffIfd.numbers(278, TiffField.LONG, perStrip));
        entries.add(TiffIfd.offsets(279, big, counts));
        return TiffIfd.withOffsets(entries, 273, counts, big, fill);
    }
}
