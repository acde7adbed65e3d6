package org.classsr.image;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams an image into an uncompressed baseline TIFF row by row, as the stitcher emits bands: the
 * output stream cannot seek (S3A, HDFS), so the header, the one IFD and its strip offset and byte
 * count arrays are computed from the size alone and written first, then the pixel rows in order
 * (uncompressed strips are contiguous, so rows simply follow one another). Only one scanline is
 * held, so an output of any size is written in constant memory (the strip tables aside: 8 or 16
 * bytes per strip of about {@value #STRIP_BYTES} bytes).
 *
 * <p>Little-endian; 8- or 16-bit unsigned samples, chunky; grey (BlackIsZero), RGB, or RGBA with
 * unassociated alpha. A file over 4 GiB, past classic TIFF's 32-bit offsets, is written as
 * BigTIFF. Samples are rounded as the codec rounds them ({@link Levels#level}).
 *
 * <p>Alpha is stored straight, as the TIFF spec defines unassociated alpha; note that OpenCV reads
 * 8-bit RGBA TIFFs through libtiff's RGBA interface, which premultiplies the colour by it
 * (16-bit ones are read as stored).
 */
public final class TiffBandWriter implements AutoCloseable {

    /** Largest file written as classic TIFF: every offset must fit in 32 bits. */
    static final long CLASSIC_LIMIT = 1L << 32;
    /** Target strip size: small enough for readers to buffer, large enough to keep the tables short. */
    static final int STRIP_BYTES = 256 * 1024;

    private final OutputStream out;
    private final int width;
    private final int height;
    private final int channels;
    private final int max;
    private final boolean sixteen;
    private final boolean big;
    private final int rowsPerStrip;
    private final byte[] scanline;
    private int rows;
    private boolean closed;

    /** A classic TIFF up to 4 GiB, a BigTIFF above; the header is written at once. */
    public TiffBandWriter(OutputStream out, int width, int height, int channels, int bitDepth) throws IOException {
        this(out, width, height, channels, bitDepth, CLASSIC_LIMIT, STRIP_BYTES);
    }

    /**
     * As above, for tests: BigTIFF when the classic file would be over {@code classicLimit} bytes (0
     * forces BigTIFF), strips of about {@code stripBytes} bytes (at least one row).
     */
    public TiffBandWriter(OutputStream out, int width, int height, int channels, int bitDepth, long classicLimit,
            int stripBytes) throws IOException {
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("TIFF output takes grey, RGB or RGBA bands, got " + channels + " channels");
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("TIFF output takes 8- or 16-bit samples, got " + bitDepth);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("TIFF output must have pixels, got " + width + "x" + height);
        }
        long rowBytes = rowBytes(width, channels, bitDepth);
        if (rowBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + width + "-wide row of " + rowBytes + " bytes is too long");
        }
        this.out = out;
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.sixteen = bitDepth == 16;
        this.max = sixteen ? 65535 : 255;
        this.rowsPerStrip = rowsPerStrip(width, height, channels, bitDepth, stripBytes);
        this.big = fileSize(width, height, channels, bitDepth, rowsPerStrip, false) > classicLimit;
        this.scanline = new byte[(int) rowBytes];
        out.write(header(width, height, channels, bitDepth, rowsPerStrip, big, true));
    }

    /** Whether this file is a BigTIFF (version 43, 64-bit offsets) rather than a classic TIFF. */
    boolean bigTiff() {
        return big;
    }

    int rowsPerStrip() {
        return rowsPerStrip;
    }

    /** Whether an image this size is written as BigTIFF by the public constructor. */
    static boolean needsBigTiff(int width, int height, int channels, int bitDepth) {
        int perStrip = rowsPerStrip(width, height, channels, bitDepth, STRIP_BYTES);
        return fileSize(width, height, channels, bitDepth, perStrip, false) > CLASSIC_LIMIT;
    }

    /** The exact length of the file this writer produces. */
    static long fileSize(int width, int height, int channels, int bitDepth, int rowsPerStrip, boolean big) {
        return header(width, height, channels, bitDepth, rowsPerStrip, big, false).length
                + rowBytes(width, channels, bitDepth) * height;
    }

    private static int rowsPerStrip(int width, int height, int channels, int bitDepth, int stripBytes) {
        long perStrip = Math.max(1, stripBytes / rowBytes(width, channels, bitDepth));
        return (int) Math.min(height, perStrip);
    }

    private static long rowBytes(int width, int channels, int bitDepth) {
        return (long) width * channels * (bitDepth / 8);
    }

    /** The next band of rows, starting at row {@code y0}; bands come in order and cover each row once. */
    public void accept(int y0, FloatImage band) {
        if (closed) {
            throw new IllegalStateException("TIFF writer already closed");
        }
        if (band.width() != width || band.channels() != channels || y0 != rows) {
            throw new IllegalArgumentException("band " + band + " at row " + y0 + " does not continue a "
                    + width + "-wide " + channels + "-channel TIFF at row " + rows);
        }
        if (rows + band.height() > height) {
            throw new IllegalArgumentException("band " + band + " at row " + y0 + " runs past the TIFF's "
                    + height + " rows");
        }
        float[] d = band.data();
        int plane = band.planeSize();
        try {
            for (int r = 0; r < band.height(); r++) {
                int row = r * width;
                int at = 0;
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < channels; c++) {
                        int v = Levels.level(d[c * plane + row + x], max);
                        scanline[at++] = (byte) v;
                        if (sixteen) {
                            scanline[at++] = (byte) (v >>> 8);
                        }
                    }
                }
                out.write(scanline);
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TIFF row " + rows + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks that every row came and flushes; the stream stays open for its owner to commit.
     *
     * @throws IllegalStateException when rows are missing (the file would be cut short)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (rows != height) {
            throw new IllegalStateException("TIFF closed after " + rows + " of " + height
                    + " rows: the stitcher did not deliver the whole image");
        }
        closed = true;
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush TIFF (" + e.getMessage() + ")", e);
        }
    }

    // ---------------------------------------------------------------- header

    /**
     * Header, IFD and the IFD's out-of-line values, ending where the pixels begin. With {@code fill}
     * false only the length matters (the strip offsets are left zero).
     */
    private static byte[] header(int width, int height, int channels, int bitDepth, int rowsPerStrip, boolean big,
            boolean fill) {
        long[] perSample = new long[channels];
        long[] unsigned = new long[channels];
        java.util.Arrays.fill(perSample, bitDepth);
        java.util.Arrays.fill(unsigned, 1);
        long[] counts = TiffIfd.stripCounts(rowBytes(width, channels, bitDepth), height, rowsPerStrip);
        List<TiffIfd.Entry> entries = new ArrayList<>();
        entries.add(TiffIfd.numbers(256, TiffIfd.LONG, width));
        entries.add(TiffIfd.numbers(257, TiffIfd.LONG, height));
        entries.add(TiffIfd.numbers(258, TiffIfd.SHORT, perSample));
        entries.add(TiffIfd.numbers(259, TiffIfd.SHORT, 1)); // no compression
        entries.add(TiffIfd.numbers(262, TiffIfd.SHORT, channels == 1 ? 1 : 2)); // BlackIsZero or RGB
        entries.add(TiffIfd.numbers(277, TiffIfd.SHORT, channels));
        entries.add(TiffIfd.numbers(278, TiffIfd.LONG, rowsPerStrip));
        entries.add(TiffIfd.offsets(279, big, counts));
        entries.add(TiffIfd.rational(282, 72, 1)); // 72 dpi, as most writers say
        entries.add(TiffIfd.rational(283, 72, 1));
        entries.add(TiffIfd.numbers(284, TiffIfd.SHORT, 1)); // chunky
        entries.add(TiffIfd.numbers(296, TiffIfd.SHORT, 2)); // inch
        if (channels == 4) {
            entries.add(TiffIfd.numbers(338, TiffIfd.SHORT, 2)); // unassociated alpha
        }
        entries.add(TiffIfd.numbers(339, TiffIfd.SHORT, unsigned)); // unsigned integers
        return TiffIfd.withOffsets(entries, 273, counts, big, fill);
    }
}
