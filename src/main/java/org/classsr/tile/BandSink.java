package org.classsr.tile;

import org.classsr.image.FloatImage;

/**
 * Receives a stitched HR image as horizontal bands, top to bottom: each band spans the full output
 * width and {@code band.height()} rows starting at row {@code y0}; bands are consecutive and every
 * row arrives exactly once. This lets an output that does not fit in one array (an 8K image at x4
 * is 30720x17280) be encoded or uploaded as it is produced.
 *
 * <p>The band's array is handed over: the sink may keep it.
 */
@FunctionalInterface
public interface BandSink {

    void accept(int y0, FloatImage band);
}
