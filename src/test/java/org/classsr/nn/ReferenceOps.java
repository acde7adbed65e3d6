package org.classsr.nn;

/**
 * The layers of the networks written out as plain loops over NCHW float arrays (batch 1), as one
 * would compute them by hand: the reference the DJL blocks are checked against.
 */
final class ReferenceOps {

    private ReferenceOps() {}

    /** Cross-correlation with zero padding, weight {@code (out, in, k, k)}, then bias. */
    static float[] conv(float[] x, int in, int h, int w, float[] weight, float[] bias, int out, int k, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        float[] y = new float[out * oh * ow];
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    double sum = bias[o];
                    for (int i = 0; i < in; i++) {
                        for (int dy = 0; dy < k; dy++) {
                            for (int dx = 0; dx < k; dx++) {
                                int sy = r * stride + dy - pad;
                                int sx = c * stride + dx - pad;
                                if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                                    sum += weight[((o * in + i) * k + dy) * k + dx] * x[(i * h + sy) * w + sx];
                                }
                            }
                        }
                    }
                    y[(o * oh + r) * ow + c] = (float) sum;
                }
            }
        }
        return y;
    }

    /** PReLU with one slope per channel. */
    static float[] prelu(float[] x, int channels, float[] alpha) {
        int plane = x.length / channels;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] > 0 ? x[i] : alpha[i / plane] * x[i];
        }
        return y;
    }

    static float[] leaky(float[] x, float slope) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] > 0 ? x[i] : slope * x[i];
        }
        return y;
    }

    /** Channel {@code c*r*r + i*r + j} at (y, x) goes to output channel c at (y*r + i, x*r + j). */
    static float[] pixelShuffle(float[] x, int channels, int h, int w, int r) {
        int c = channels / (r * r);
        float[] y = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    for (int yy = 0; yy < h; yy++) {
                        for (int xx = 0; xx < w; xx++) {
                            y[(ch * h * r + yy * r + i) * w * r + xx * r + j] = x[((ch * r * r + i * r + j) * h + yy) * w + xx];
                        }
                    }
                }
            }
        }
        return y;
    }

    static float[] globalAverage(float[] x, int channels) {
        int plane = x.length / channels;
        float[] y = new float[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int p = 0; p < plane; p++) {
                sum += x[c * plane + p];
            }
            y[c] = (float) (sum / plane);
        }
        return y;
    }

    /** y = W x + b, weight {@code (out, in)}. */
    static float[] linear(float[] x, float[] weight, float[] bias) {
        float[] y = new float[bias.length];
        for (int o = 0; o < y.length; o++) {
            double sum = bias[o];
            for (int i = 0; i < x.length; i++) {
                sum += weight[o * x.length + i] * x[i];
            }
            y[o] = (float) sum;
        }
        return y;
    }
}
