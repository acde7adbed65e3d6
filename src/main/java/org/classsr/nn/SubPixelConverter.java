package org.classsr.nn;

import java.util.Arrays;

/**
 * Converts FSRCNN's upstream x4 transposed convolution into the equivalent sub-pixel form used by
 * {@link FsrcnnNet}: a 3x3 convolution (padding 1) followed by {@link PixelShuffleBlock}(4).
 *
 * <p>Upstream tail: {@code ConvTranspose2d(d, colors, kernel 9, stride 4, padding 3,
 * output_padding 1)}, weight layout {@code [d][colors][9][9]}, bias {@code [colors]}; on an
 * {@code H x W} input it gives {@code 4H x 4W}. By definition
 *
 * <pre>
 *   out[o, Y, X] = bias[o] + sum over c, y, x, ky, kx with 4y + ky - 3 = Y and 4x + kx - 3 = X
 *                  of in[c, y, x] * W[c][o][ky][kx].
 * </pre>
 *
 * Write {@code Y = 4q + r} ({@code r} in 0..3) and {@code y = q + t}: then {@code ky = r + 3 - 4t},
 * which lies in 0..8 only for {@code t} in {-1, 0, 1}. A 3x3 convolution with padding 1 reads
 * {@code in[c, q + a - 1, ...]} at tap {@code a} in 0..2, so {@code t = a - 1} and {@code ky = r + 7
 * - 4a} (a zero weight where this falls outside 0..8; out-of-image inputs are zero in both forms).
 * The pixel shuffle sends channel {@code o*16 + r*4 + s} at {@code (q, p)} to {@code (o, 4q + r, 4p
 * + s)}, hence
 *
 * <pre>
 *   W'[o*16 + r*4 + s][c][a][b] = W[c][o][r + 7 - 4a][s + 7 - 4b]   (0 if an index is outside 0..8)
 *   bias'[o*16 + r*4 + s]       = bias[o]
 * </pre>
 *
 * with {@code W'} in Conv2d's OIHW layout {@code [colors*16][d][3][3]}.
 */
public final class SubPixelConverter {

    /** The upscaling factor (the transposed convolution's stride). */
    public static final int SCALE = 4;
    /** The transposed convolution's kernel size. */
    public static final int KERNEL = 9;
    /** The transposed convolution's padding. */
    public static final int PADDING = 3;
    /** The sub-pixel convolution's kernel size (its padding is 1). */
    public static final int SUB_KERNEL = 3;

    private SubPixelConverter() {}

    /**
     * Weights of the sub-pixel tail, ready for a {@code Conv2d(3x3, pad 1)} and a pixel shuffle.
     *
     * @param weight the conv weight, row-major in {@code weightShape}
     * @param weightShape {@code [colors*16, d, 3, 3]} (OIHW)
     * @param bias the conv bias, length {@code colors*16}
     * @param biasShape {@code [colors*16]}
     */
    public record SubPixelWeights(float[] weight, long[] weightShape, float[] bias, long[] biasShape) {}

    /**
     * Converts transposed-convolution weights into the sub-pixel form.
     *
     * @param weight the {@code ConvTranspose2d} weight, row-major {@code [d][colors][9][9]}
     * @param weightShape its shape, {@code [d, colors, 9, 9]}
     * @param bias the {@code ConvTranspose2d} bias, length {@code colors}
     * @return the sub-pixel weights (new arrays)
     * @throws IllegalArgumentException if a shape or length does not fit
     */
    public static SubPixelWeights convert(float[] weight, long[] weightShape, float[] bias) {
        if (weight == null || weightShape == null || bias == null) {
            throw new IllegalArgumentException("Transposed-conv weight, shape and bias are required");
        }
        if (weightShape.length != 4
                || weightShape[0] < 1
                || weightShape[1] < 1
                || weightShape[2] != KERNEL
                || weightShape[3] != KERNEL) {
            throw new IllegalArgumentException(
                    "Transposed-conv weight must have shape [d, colors, 9, 9] (PyTorch ConvTranspose2d"
                            + " layout: in, out, kH, kW), got "
                            + Arrays.toString(weightShape));
        }
        int d = Math.toIntExact(weightShape[0]);
        int colors = Math.toIntExact(weightShape[1]);
        long expected = (long) d * colors * KERNEL * KERNEL;
        if (weight.length != expected) {
            throw new IllegalArgumentException(
                    "Transposed-conv weight has "
                            + weight.length
                            + " values, shape "
                            + Arrays.toString(weightShape)
                            + " needs "
                            + expected);
        }
        if (bias.length != colors) {
            throw new IllegalArgumentException(
                    "Transposed-conv bias has " + bias.length + " values, expected colors = " + colors);
        }
        int phases = SCALE * SCALE;
        int outChannels = colors * phases;
        int taps = SUB_KERNEL * SUB_KERNEL;
        float[] w = new float[outChannels * d * taps];
        float[] b = new float[outChannels];
        for (int o = 0; o < colors; o++) {
            for (int r = 0; r < SCALE; r++) {
                for (int s = 0; s < SCALE; s++) {
                    int oc = o * phases + r * SCALE + s;
                    b[oc] = bias[o];
                    for (int c = 0; c < d; c++) {
                        for (int a = 0; a < SUB_KERNEL; a++) {
                            int ky = r + PADDING + SCALE - SCALE * a;
                            if (ky < 0 || ky >= KERNEL) {
                                continue;
                            }
                            for (int bb = 0; bb < SUB_KERNEL; bb++) {
                                int kx = s + PADDING + SCALE - SCALE * bb;
                                if (kx < 0 || kx >= KERNEL) {
                                    continue;
                                }
                                w[((oc * d + c) * SUB_KERNEL + a) * SUB_KERNEL + bb] =
                                        weight[((c * colors + o) * KERNEL + ky) * KERNEL + kx];
                            }
                        }
                    }
                }
            }
        }
        return new SubPixelWeights(
                w, new long[] {outChannels, d, SUB_KERNEL, SUB_KERNEL}, b, new long[] {outChannels});
    }
}
