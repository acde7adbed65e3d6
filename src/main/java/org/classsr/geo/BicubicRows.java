package org.classsr.geo;

import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;

/**
 * MATLAB bicubic x{@code scale} of some planes, produced a band of output rows at a time so that
 * the whole upscaled plane is never held: each band is resized from a window of input rows with
 * a margin of {@value #MARGIN} rows, wider than the kernel's reach (2 input rows), so every kept
 * row equals the same row of {@link Bicubic#resize} of the whole plane.
 */
final class BicubicRows {

    static final int MARGIN = 3;

    private final FloatImage planes;
    private final int scale;

    BicubicRows(FloatImage planes, int scale) {
        this.planes = planes;
        this.scale = scale;
    }

    /** Output rows {@code [y0, y0 + rows)} of every plane. */
    FloatImage rows(int y0, int rows) {
        int w = planes.width();
        int h = planes.height();
        int from = Math.max(0, y0 / scale - MARGIN);
        int to = Math.min(h, (y0 + rows + scale - 1) / scale + MARGIN);
        int n = to - from;
        int c = planes.channels();
        float[] window = new float[c * n * w];
        for (int k = 0; k < c; k++) {
            System.arraycopy(planes.data(), k * planes.planeSize() + from * w, window, k * n * w, n * w);
        }
        FloatImage up = Bicubic.resize(new FloatImage(w, n, c, window), scale);
        int outW = w * scale;
        float[] out = new float[c * rows * outW];
        int skip = y0 - from * scale;
        for (int k = 0; k < c; k++) {
            System.arraycopy(up.data(), k * up.planeSize() + skip * outW, out, k * rows * outW, rows * outW);
        }
        return new FloatImage(outW, rows, c, out);
    }
}
