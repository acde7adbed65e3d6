package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Map;

/**
 * Starts an initialised {@link CarnNet} at bilinear upscaling, as {@link BilinearPathInit} does
 * for FSRCNN: a training start, not a different network.
 *
 * <p>Feature channel c (c = 0, 1, 2) carries colour c of the input, unshifted (so it is >= 0 and
 * every ReLU passes it): the entry conv takes it from the mean-shifted input with a centre tap of
 * 1 and the mean as bias; each efficient residual block adds 0 to it (its last conv's row is 0),
 * each 1x1 join copies it from the block input; each upsampling conv maps it to the four phases
 * of bilinear x2 (align_corners = false; zero padding at the border), and the exit conv reads
 * only the carriers and cancels the mean shift. So the untrained network outputs bilinear
 * x2-then-x2 upscaling inside the image, and the random channels, which the exit conv starts at 0
 * from, learn the detail on top.
 */
public final class CarnBilinearStart {

    private static final int COLORS = 3;

    private CarnBilinearStart() {}

    /** The feature channels that carry the image (colour c in channel c). */
    public static int[] carriers() {
        return new int[] {0, 1, 2};
    }

    /**
     * Rewrites the weights of an initialised CARN-M in place.
     *
     * @param net the network
     * @param channels its width nf (at least 3)
     * @param groups its channel groups
     */
    public static void apply(CarnNet net, int channels, int groups) {
        if (channels < COLORS) {
            throw new IllegalArgumentException("a bilinear start needs at least 3 channels, got " + channels);
        }
        Map<String, Conv2d> convs = net.convolutions();
        for (Map.Entry<String, Conv2d> e : convs.entrySet()) {
            String name = e.getKey();
            NDArray w = e.getValue().getParameters().get("weight").getArray();
            NDArray b = e.getValue().getParameters().get("bias").getArray();
            if (name.equals("entry")) {
                carry(w, b, (o, i) -> o == i, ConvGraph.DIV2K_MEAN);
            } else if (name.endsWith("_body_4")) {
                carry(w, b, (o, i) -> false, null);
            } else if (name.matches("(b\\d_)?c\\d_0")) {
                carry(w, b, (o, i) -> o == i, null); // the block input is the first map of the concatenation
            } else if (name.startsWith("upsample_")) {
                bilinearX2(w, b, channels / groups);
            } else if (name.equals("exit")) {
                exit(w, b);
            }
        }
    }

    private interface Tap {
        boolean from(int out, int in);
    }

    /** Carrier rows: a centre tap of 1 where {@code tap} says, 0 elsewhere, the given bias (or 0). */
    private static void carry(NDArray weight, NDArray bias, Tap tap, float[] biasValues) {
        long[] s = weight.getShape().getShape();
        int in = (int) s[1];
        int k = (int) s[2];
        float[] w = weight.toFloatArray();
        float[] b = bias.toFloatArray();
        for (int o = 0; o < COLORS; o++) {
            for (int i = 0; i < in; i++) {
                for (int t = 0; t < k * k; t++) {
                    w[(o * in + i) * k * k + t] = t == (k * k) / 2 && tap.from(o, i) ? 1f : 0f;
                }
            }
            b[o] = biasValues == null ? 0f : biasValues[o];
        }
        BlockParameters.assign(weight, w);
        BlockParameters.assign(bias, b);
    }

    /** Rows 4c + phase of a grouped 3x3 conv before a pixel shuffle by 2: bilinear x2 of carrier c. */
    private static void bilinearX2(NDArray weight, NDArray bias, int perGroup) {
        long[] s = weight.getShape().getShape();
        int in = (int) s[1];
        float[] w = weight.toFloatArray();
        float[] b = bias.toFloatArray();
        for (int c = 0; c < COLORS; c++) {
            int local = c % perGroup; // the carrier's index inside its group's inputs
            for (int phase = 0; phase < 4; phase++) {
                int o = 4 * c + phase;
                for (int i = 0; i < in * 9; i++) {
                    w[o * in * 9 + i] = 0f;
                }
                for (int dy = 0; dy < 3; dy++) {
                    for (int dx = 0; dx < 3; dx++) {
                        w[(o * in + local) * 9 + dy * 3 + dx] = (float) (tap(phase / 2, dy) * tap(phase % 2, dx));
                    }
                }
                b[o] = 0f;
            }
        }
        BlockParameters.assign(weight, w);
        BlockParameters.assign(bias, b);
    }

    /** Bilinear x2 weight of kernel position {@code k} (0, 1, 2 = offsets -1, 0, +1) for output phase {@code a}. */
    private static double tap(int a, int k) {
        if (k == 1) {
            return 0.75;
        }
        return (a == 0 && k == 0) || (a == 1 && k == 2) ? 0.25 : 0;
    }

    /** The exit reads only the carriers; its bias cancels the final mean shift. */
    private static void exit(NDArray weight, NDArray bias) {
        long[] s = weight.getShape().getShape();
        int in = (int) s[1];
        float[] w = new float[(int) (s[0] * in * 9)];
        float[] b = new float[(int) s[0]];
        for (int c = 0; c < COLORS; c++) {
            w[(c * in + c) * 9 + 4] = 1f;
            b[c] = -ConvGraph.DIV2K_MEAN[c];
        }
        BlockParameters.assign(weight, w);
        BlockParameters.assign(bias, b);
    }
}
