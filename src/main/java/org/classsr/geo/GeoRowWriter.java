package org.classsr.geo;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.classsr.image.FloatImage;
import org.classsr.tile.BandSink;

/**
 * What the two GeoTIFF writers share: rows of all bands arrive in order as raw values (band-major
 * planes of {@code band.height()} rows), are checked to continue the raster and handed on one at
 * a time; a closed writer takes none, and closing before the last row is refused.
 */
abstract sealed class GeoRowWriter implements BandSink, AutoCloseable permits GeoTiffWriter, GeoTiffTiledWriter {

    final GeoTiffWriter.Layout layout;
    private int rows;
    private boolean closed;

    GeoRowWriter(GeoTiffWriter.Layout layout) {
        this.layout = layout;
    }

    /** Stores row {@code r} of {@code band}, the raster's row {@code y}. */
    abstract void writeRow(FloatImage band, int r, int y) throws IOException;

    @Override
    public final void accept(int y0, FloatImage band) {
        if (closed) {
            throw new IllegalStateException("GeoTIFF writer already closed");
        }
        layout.checkContinues(y0, band, rows);
        try {
            for (int r = 0; r < band.height(); r++) {
                writeRow(band, r, rows);
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write GeoTIFF row " + rows + " (" + e.getMessage() + ")", e);
        }
    }

    /** True once {@link #markClosed()} ran: a second close does nothing. */
    final boolean closed() {
        return closed;
    }

    final void markClosed() {
        closed = true;
    }

    /** Refuses to finish a raster that has not received all its rows. */
    final void requireAllRows() {
        if (rows != layout.height()) {
            throw new IllegalStateException("GeoTIFF closed after " + rows + " of " + layout.height() + " rows");
        }
    }
}
