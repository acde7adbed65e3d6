package org.classsr.image;

/**
 * BT.601 YCbCr with MATLAB's {@code rgb2ycbcr} coefficients (studio range: Y in [16, 235]).
 *
 * <p>SR papers report PSNR and SSIM on this Y channel, so it has to be MATLAB's exactly, not
 * OpenCV's full-range YCrCb.
 */
public final class ColorSpace {

    /** RGB in [0, 1] -> YCbCr on the [0, 255] scale: row k gives channel k = offset + m . rgb. */
    private static final double[][] FORWARD = {
        {65.481, 128.553, 24.966},
        {-37.797, -74.203, 112.0},
        {112.0, -93.786, -18.214},
    };
    private static final double[] OFFSET = {16, 128, 128};
    private static final double[][] INVERSE = invert(FORWARD);

    private ColorSpace() {
    }

    /**
     * The Y channel on the [0, 255] scale, unrounded, as BasicSR computes it for metrics. A grey
     * image is taken as already being luma: its values times 255, with no studio-range offset.
     */
    public static float[] luma(FloatImage image) {
        int n = image.planeSize();
        float[] d = image.data();
        float[] y = new float[n];
        if (image.channels() == 1) {
            for (int p = 0; p < n; p++) {
                y[p] = d[p] * 255f;
            }
            return y;
        }
        requireRgb(image);
        double[] m = FORWARD[0];
        for (int p = 0; p < n; p++) {
            y[p] = (float) (OFFSET[0] + m[0] * d[p] + m[1] * d[n + p] + m[2] * d[2 * n + p]);
        }
        return y;
    }

    /** RGB in [0, 1] -> Y, Cb, Cr planes in [0, 1] (MATLAB's result for double input). */
    public static FloatImage rgbToYcbcr(FloatImage rgb) {
        requireRgb(rgb);
        int n = rgb.planeSize();
        float[] s = rgb.data();
        float[] out = new float[3 * n];
        for (int p = 0; p < n; p++) {
            double r = s[p];
            double g = s[n + p];
            double b = s[2 * n + p];
            for (int k = 0; k < 3; k++) {
                double[] m = FORWARD[k];
                out[k * n + p] = (float) ((OFFSET[k] + m[0] * r + m[1] * g + m[2] * b) / 255);
            }
        }
        return new FloatImage(rgb.width(), rgb.height(), 3, out);
    }

    /** Y, Cb, Cr planes in [0, 1] -> RGB in [0, 1], the exact inverse of {@link #rgbToYcbcr}; not clamped. */
    public static FloatImage ycbcrToRgb(FloatImage ycbcr) {
        requireRgb(ycbcr);
        int n = ycbcr.planeSize();
        float[] s = ycbcr.data();
        float[] out = new float[3 * n];
        for (int p = 0; p < n; p++) {
            double y = s[p] * 255 - OFFSET[0];
            double cb = s[n + p] * 255 - OFFSET[1];
            double cr = s[2 * n + p] * 255 - OFFSET[2];
            for (int k = 0; k < 3; k++) {
                double[] m = INVERSE[k];
                out[k * n + p] = (float) (m[0] * y + m[1] * cb + m[2] * cr);
            }
        }
        return new FloatImage(ycbcr.width(), ycbcr.height(), 3, out);
    }

    private static void requireRgb(FloatImage image) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException("expected 3 channels, got " + image);
        }
    }

    /** 3x3 inverse by cofactors; computed once so the inverse is exact to double precision. */
    private static double[][] invert(double[][] m) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (i + 1) % 3;
                int i2 = (i + 2) % 3;
                int j1 = (j + 1) % 3;
                int j2 = (j + 2) % 3;
                c[i][j] = m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1];
            }
        }
        double det = m[0][0] * c[0][0] + m[0][1] * c[0][1] + m[0][2] * c[0][2];
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                inv[i][j] = c[j][i] / det; // adjugate = transposed cofactors
            }
        }
        return inv;
    }
}
