package org.classsr.engine;

import org.classsr.image.FloatImage;
import org.classsr.tile.BandSink;

/** Grey in, grey out: the networks see the grey plane as three equal channels. */
final class GreyImages {

    private GreyImages() {
    }

    static FloatImage toRgb(FloatImage grey) {
        int n = grey.planeSize();
        float[] rgb = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(grey.data(), 0, rgb, c * n, n);
        }
        return new FloatImage(grey.width(), grey.height(), 3, rgb);
    }

    /** Passes bands on as the mean of their three channels. */
    static BandSink averagingSink(BandSink greySink) {
        return (y0, band) -> {
            int n = band.planeSize();
            float[] d = band.data();
            float[] grey = new float[n];
            for (int i = 0; i < n; i++) {
                grey[i] = (d[i] + d[n + i] + d[2 * n + i]) / 3f;
            }
            greySink.accept(y0, new FloatImage(band.width(), band.height(), 1, grey));
        };
    }
}
