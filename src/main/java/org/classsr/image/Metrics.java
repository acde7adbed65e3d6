package org.classsr.image;

/**
 * PSNR and SSIM on the Y channel with a border crop: the convention of SR papers and of BasicSR's
 * {@code calculate_psnr} / {@code calculate_ssim} with {@code test_y_channel=True}, so that our
 * numbers can be set beside the published ones. Y is MATLAB's BT.601 luma on [0, 255], unrounded.
 */
public final class Metrics {

    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    /** The normalised 1-D Gaussian; the 2-D window is its outer product, so filtering is separable. */
    private static final double[] GAUSS = gaussian();

    private Metrics() {
    }

    /**
     * PSNR in dB of {@code result} against {@code reference} on Y, ignoring {@code border} pixels
     * on every side (papers crop the scale factor). {@code +Infinity} when the Y planes are equal.
     */
    public static double psnrY(FloatImage result, FloatImage reference, int border) {
        Plane a = croppedLuma(result, reference, border, 1);
        Plane b = croppedLuma(reference, result, border, 1);
        double sum = 0;
        for (int i = 0; i < a.v.length; i++) {
            double d = a.v[i] - b.v[i];
            sum += d * d;
        }
        double mse = sum / a.v.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /**
     * Mean SSIM on Y, ignoring {@code border} pixels on every side: 11x11 Gaussian window
     * (sigma 1.5), C1 = (0.01*255)^2, C2 = (0.03*255)^2, only positions where the window fits
     * ('valid', the 5-pixel margin of the cropped image dropped), as BasicSR's {@code _ssim}.
     */
    public static double ssimY(FloatImage result, FloatImage reference, int border) {
        Plane a = croppedLuma(result, reference, border, WINDOW);
        Plane b = croppedLuma(reference, result, border, WINDOW);
        int n = a.v.length;
        double[] aa = new double[n];
        double[] bb = new double[n];
        double[] ab = new double[n];
        for (int i = 0; i < n; i++) {
            aa[i] = a.v[i] * a.v[i];
            bb[i] = b.v[i] * b.v[i];
            ab[i] = a.v[i] * b.v[i];
        }
        int w = a.w;
        int h = a.h;
        double[] mu1 = filterValid(a.v, w, h);
        double[] mu2 = filterValid(b.v, w, h);
        double[] s11 = filterValid(aa, w, h);
        double[] s22 = filterValid(bb, w, h);
        double[] s12 = filterValid(ab, w, h);
        double total = 0;
        for (int i = 0; i < mu1.length; i++) {
            double m1 = mu1[i];
            double m2 = mu2[i];
            double var1 = s11[i] - m1 * m1;
            double var2 = s22[i] - m2 * m2;
            double cov = s12[i] - m1 * m2;
            total += ((2 * m1 * m2 + C1) * (2 * cov + C2))
                    / ((m1 * m1 + m2 * m2 + C1) * (var1 + var2 + C2));
        }
        return total / mu1.length;
    }

    private record Plane(double[] v, int w, int h) {
    }

    /** Y of {@code image} without the border, after checking it against {@code other}. */
    private static Plane croppedLuma(FloatImage image, FloatImage other, int border, int minSide) {
        if (image.width() != other.width() || image.height() != other.height()
                || image.channels() != other.channels()) {
            throw new IllegalArgumentException("images differ in size or channels: " + image + " vs " + other);
        }
        if (border < 0) {
            throw new IllegalArgumentException("border must not be negative, got " + border);
        }
        int w = image.width() - 2 * border;
        int h = image.height() - 2 * border;
        if (w < minSide || h < minSide) {
            throw new IllegalArgumentException("cropping " + border + " pixels from " + image + " leaves "
                    + Math.max(w, 0) + "x" + Math.max(h, 0) + ", needs at least " + minSide + "x" + minSide);
        }
        float[] y = ColorSpace.luma(image);
        double[] v = new double[w * h];
        for (int r = 0; r < h; r++) {
            int src = (r + border) * image.width() + border;
            for (int c = 0; c < w; c++) {
                v[r * w + c] = y[src + c];
            }
        }
        return new Plane(v, w, h);
    }

    /** Separable Gaussian filtering keeping only positions where the whole window fits. */
    private static double[] filterValid(double[] src, int w, int h) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] rows = new double[ow * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                int base = y * w + x;
                for (int k = 0; k < WINDOW; k++) {
                    s += GAUSS[k] * src[base + k];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += GAUSS[k] * rows[(y + k) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        int half = WINDOW / 2;
        for (int i = 0; i < WINDOW; i++) {
            g[i] = Math.exp(-((i - half) * (i - half)) / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }
}
