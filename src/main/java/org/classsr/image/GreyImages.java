package org.classsr.image;

/** Grey in, grey out: the networks see the grey plane as three equal channels, and their output is averaged back. */
public final class GreyImages {

    private GreyImages() {
    }

    /** The grey plane as three equal channels. */
    public static FloatImage toRgb(FloatImage grey) {
        int n = grey.planeSize();
        float[] rgb = new float[Math.multiplyExact(3, n)];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(grey.data(), 0, rgb, c * n, n);
        }
        return new FloatImage(grey.width(), grey.height(), 3, rgb);
    }

    /** The mean of the three channels, as one grey plane. */
    public static FloatImage mean(FloatImage rgb) {
        int n = rgb.planeSize();
        float[] d = rgb.data();
        float[] grey = new float[n];
        for (int i = 0; i < n; i++) {
            grey[i] = (d[i] + d[n + i] + d[2 * n + i]) / 3f;
        }
        return new FloatImage(rgb.width(), rgb.height(), 1, grey);
    }
}
