package org.classsr.geo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.classsr.image.FloatImage;
import org.classsr.image.TiffIfd;

/**
 * Streams a tiled, Deflate-compressed GeoTIFF (256x256 tiles, pixel-interleaved, horizontal
 * predictor for integer samples, as {@code gdal_translate -co TILED=YES -co COMPRESS=DEFLATE -co
 * PREDICTOR=2} writes): rows are held one tile row at a time, each full tile row is compressed
 * into a local spill file, and at {@link #close()} (when the compressed sizes are known) the header
 * with the tile tables is written to the output stream, followed by the spill file. The output
 * stream never seeks (S3A, HDFS); memory is one tile row; local disk holds the compressed image.
 */
public final class GeoTiffTiledWriter extends GeoRowWriter {

    static final int TILE = 256;

    private final OutputStream out;
    private final GeoTags tags;
    private final long classicLimit;
    private final int tile;
    private final Path spill;
    private final OutputStream spilled;
    private final ByteBuffer rows;
    private final long[] counts;
    private final Deflater deflater = new Deflater(6);
    private final byte[] chunk;
    private int tilesDone;
    private boolean big;

    public GeoTiffTiledWriter(OutputStream out, GeoTiffWriter.Layout layout, GeoTags tags, Path spillDir)
            throws IOException {
        this(out, layout, tags, spillDir, GeoTiffWriter.CLASSIC_LIMIT, TILE);
    }

    GeoTiffTiledWriter(OutputStream out, GeoTiffWriter.Layout layout, GeoTags tags, Path spillDir, long classicLimit,
            int tile) throws IOException {
        super(layout);
        if (tile % 16 != 0) {
            throw new IllegalArgumentException("TIFF tiles are multiples of 16, got " + tile);
        }
        long tileRowBytes = (long) tile * layout.rowBytes();
        long across = (layout.width() + tile - 1) / tile;
        if (tileRowBytes + (long) tile * tile * layout.bands() * 4 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a tile row of " + tileRowBytes + " bytes is too long");
        }
        this.out = out;
        this.tags = tags;
        this.classicLimit = classicLimit;
        this.tile = tile;
        this.rows = ByteBuffer.allocate((int) tileRowBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.counts = new long[(int) (across * ((layout.height() + tile - 1) / tile))];
        this.chunk = new byte[tile * tile * layout.bands() * layout.type().bytes()];
        this.spill = Files.createTempFile(spillDir, ".classsr-geotiff-", ".tiles");
        this.spilled = new BufferedOutputStream(Files.newOutputStream(spill), 1 << 20);
    }

    boolean bigTiff() {
        return big;
    }

    /** Holds the row; the last row of a tile row (or of the image) sends the tile row to the spill file. */
    @Override
    void writeRow(FloatImage band, int r, int y) throws IOException {
        layout.putRow(rows, band, r);
        if ((y + 1) % tile == 0 || y + 1 == layout.height()) {
            flushTileRow();
        }
    }

    /** Compresses the held rows as one row of tiles (padded with zeros past the edges) into the spill file. */
    private void flushTileRow() throws IOException {
        int held = rows.position() / (int) layout.rowBytes();
        int pixel = layout.bands() * layout.type().bytes();
        int tileRow = tile * pixel;
        for (int x0 = 0; x0 < layout.width(); x0 += tile) {
            Arrays.fill(chunk, (byte) 0);
            int cols = Math.min(tile, layout.width() - x0);
            for (int r = 0; r < held; r++) {
                System.arraycopy(rows.array(), (int) (r * layout.rowBytes()) + x0 * pixel, chunk, r * tileRow,
                        cols * pixel);
            }
            if (layout.type().integral()) {
                predict(chunk, tileRow, pixel);
            }
            deflater.reset();
            deflater.setInput(chunk);
            deflater.finish();
            byte[] buffer = new byte[8192];
            long n = 0;
            while (!deflater.finished()) {
                int got = deflater.deflate(buffer);
                spilled.write(buffer, 0, got);
                n += got;
            }
            counts[tilesDone++] = n;
        }
        rows.clear();
    }

    /** Horizontal differencing (TIFF predictor 2), sample by sample, right to left within each row. */
    private void predict(byte[] t, int rowBytes, int pixel) {
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        int size = layout.type().bytes();
        for (int r = 0; r < tile; r++) {
            int base = r * rowBytes;
            for (int at = base + rowBytes - size; at >= base + pixel; at -= size) {
                if (size == 1) {
                    t[at] -= t[at - pixel];
                } else {
                    b.putShort(at, (short) (b.getShort(at) - b.getShort(at - pixel)));
                }
            }
        }
    }

    /** Writes the header with the tile tables, then the tiles; the stream stays open for its owner to commit. */
    @Override
    public void close() {
        if (closed()) {
            return;
        }
        markClosed();
        try {
            spilled.close();
            deflater.end();
            requireAllRows();
            long data = Arrays.stream(counts).sum();
            big = TiffIfd.withOffsets(entries(false), 324, counts, false, false).length + data > classicLimit;
            out.write(TiffIfd.withOffsets(entries(big), 324, counts, big, true));
            try (InputStream in = Files.newInputStream(spill)) {
                in.transferTo(out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write GeoTIFF (" + e.getMessage() + ")", e);
        } finally {
            try {
                Files.deleteIfExists(spill);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless; the write's outcome is what matters.
            }
        }
    }

    private java.util.List<TiffIfd.Entry> entries(boolean big) {
        java.util.List<TiffIfd.Entry> e = GeoIfd.common(layout, tags, 8);
        e.add(TiffIfd.numbers(322, TiffField.LONG, tile));
        e.add(TiffIfd.numbers(323, TiffField.LONG, tile));
        e.add(TiffIfd.offsets(325, big, counts));
        if (layout.type().integral()) {
            e.add(TiffIfd.numbers(317, TiffField.SHORT, 2));
        }
        return e;
    }
}
