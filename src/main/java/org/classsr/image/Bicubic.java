package org.classsr.image;

/**
 * MATLAB-compatible {@code imresize(..., 'bicubic')} in plain Java.
 *
 * <p>SR benchmarks make their low-resolution inputs and their bicubic baseline with MATLAB, whose
 * resize differs from OpenCV's INTER_CUBIC: it antialiases when shrinking (the kernel is stretched
 * by 1/scale), mirrors at the borders (1..n, n..1), normalises the weights of every output pixel,
 * and places sample centres at {@code u = x/scale + (1 - 1/scale)/2}. Matching it matters because
 * a tenth of a dB is the size of the effects ClassSR reports.
 *
 * <p>Channels are resized independently; sums are taken in double and nothing is clamped, so
 * results may overshoot [0, 1] slightly near edges, as MATLAB's do for floating-point input.
 */
public final class Bicubic {

    /** Keys' cubic convolution parameter, as in MATLAB. */
    private static final double A = -0.5;
    /** The cubic kernel is non-zero on (-2, 2). */
    private static final double KERNEL_WIDTH = 4.0;

    private Bicubic() {
    }

    /** Resizes both sides by {@code scale}; the output is ceil(size * scale), as in MATLAB. */
    public static FloatImage resize(FloatImage image, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        int outW = outputSize(image.width(), scale);
        int outH = outputSize(image.height(), scale);
        return resize(image, outW, outH, scale, scale);
    }

    /**
     * Shrinks by an integer factor with antialiasing, as benchmark LR images are made
     * ({@code imresize(hr, 1/factor)}). The output is ceil(size / factor).
     */
    public static FloatImage downscale(FloatImage image, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
        // Integer ceiling: ceil(n * (1.0 / factor)) can round the wrong way for large n.
        int outW = (image.width() + factor - 1) / factor;
        int outH = (image.height() + factor - 1) / factor;
        double scale = 1.0 / factor;
        return resize(image, outW, outH, scale, scale);
    }

    /** Resizes to an exact size; each side's scale is out / in, as MATLAB does for a size argument. */
    public static FloatImage resizeTo(FloatImage image, int outW, int outH) {
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outW + "x" + outH);
        }
        return resize(image, outW, outH, (double) outW / image.width(), (double) outH / image.height());
    }

    private static int outputSize(int in, double scale) {
        double out = Math.ceil(in * scale);
        if (out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output of " + in + " x " + scale + " is too large");
        }
        return (int) out;
    }

    private static FloatImage resize(FloatImage image, int outW, int outH, double scaleX, double scaleY) {
        // MATLAB resizes the dimension with the smaller scale first (fewer pixels to carry through
        // the second pass); on a tie, rows (the height) first. The order changes results slightly.
        if (scaleY <= scaleX) {
            return resizeWidth(resizeHeight(image, outH, scaleY), outW, scaleX);
        }
        return resizeHeight(resizeWidth(image, outW, scaleX), outH, scaleY);
    }

    /** The taps of one output sample: input indices (0-based, already mirrored) and their weights. */
    record Contribution(int[] indices, double[] weights) {
    }

    /** Keys' cubic kernel with a = -0.5. */
    static double cubic(double x) {
        double ax = Math.abs(x);
        double ax2 = ax * ax;
        double ax3 = ax2 * ax;
        if (ax <= 1) {
            return (A + 2) * ax3 - (A + 3) * ax2 + 1;
        }
        if (ax <= 2) {
            return A * ax3 - 5 * A * ax2 + 8 * A * ax - 4 * A;
        }
        return 0;
    }

    /** The contributions of every output sample along one dimension, as MATLAB's {@code contributions}. */
    static Contribution[] contributions(int inLength, int outLength, double scale) {
        boolean antialias = scale < 1;
        double width = antialias ? KERNEL_WIDTH / scale : KERNEL_WIDTH;
        int taps = (int) Math.ceil(width) + 2;
        Contribution[] result = new Contribution[outLength];
        double[] w = new double[taps];
        int[] idx = new int[taps];
        for (int x = 1; x <= outLength; x++) {
            // Centre of output sample x in input coordinates (1-based, like MATLAB).
            double u = x / scale + 0.5 * (1 - 1 / scale);
            long left = (long) Math.floor(u - width / 2);
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                long i = left + j;
                double d = u - i;
                w[j] = antialias ? scale * cubic(scale * d) : cubic(d);
                idx[j] = mirror(i, inLength);
                sum += w[j];
            }
            int kept = 0;
            for (int j = 0; j < taps; j++) {
                if (w[j] != 0) {
                    kept++;
                }
            }
            int[] keptIdx = new int[kept];
            double[] keptW = new double[kept];
            for (int j = 0, k = 0; j < taps; j++) {
                if (w[j] != 0) {
                    keptIdx[k] = idx[j];
                    keptW[k] = w[j] / sum;
                    k++;
                }
            }
            result[x - 1] = new Contribution(keptIdx, keptW);
        }
        return result;
    }

    /** MATLAB's symmetric extension of a 1-based index: 1..n, then n..1, repeating; returns 0-based. */
    static int mirror(long index, int n) {
        long period = 2L * n;
        long m = Math.floorMod(index - 1, period);
        return (int) (m < n ? m : period - 1 - m);
    }

    private static FloatImage resizeHeight(FloatImage in, int outH, double scale) {
        int w = in.width();
        int h = in.height();
        int channels = in.channels();
        Contribution[] cs = contributions(h, outH, scale);
        float[] src = in.data();
        float[] dst = new float[Math.multiplyExact(Math.multiplyExact(w, outH), channels)];
        double[] acc = new double[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < outH; y++) {
                java.util.Arrays.fill(acc, 0);
                Contribution con = cs[y];
                for (int k = 0; k < con.indices().length; k++) {
                    double wk = con.weights()[k];
                    int base = (c * h + con.indices()[k]) * w;
                    for (int x = 0; x < w; x++) {
                        acc[x] += wk * src[base + x];
                    }
                }
                int out = (c * outH + y) * w;
                for (int x = 0; x < w; x++) {
                    dst[out + x] = (float) acc[x];
                }
            }
        }
        return new FloatImage(w, outH, channels, dst);
    }

    private static FloatImage resizeWidth(FloatImage in, int outW, double scale) {
        int w = in.width();
        int h = in.height();
        int channels = in.channels();
        Contribution[] cs = contributions(w, outW, scale);
        float[] src = in.data();
        float[] dst = new float[Math.multiplyExact(Math.multiplyExact(outW, h), channels)];
        for (int row = 0; row < channels * h; row++) {
            int base = row * w;
            int out = row * outW;
            for (int x = 0; x < outW; x++) {
                Contribution con = cs[x];
                double acc = 0;
                for (int k = 0; k < con.indices().length; k++) {
                    acc += con.weights()[k] * src[base + con.indices()[k]];
                }
                dst[out + x] = (float) acc;
            }
        }
        return new FloatImage(outW, h, channels, dst);
    }
}
