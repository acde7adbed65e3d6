package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts an initialised {@link FsrcnnNet} at bilinear x4 upscaling: a training
 * start, not a different network (same layers, same FLOPs).
 *
 * <p>One channel per colour ("carrier") is wired straight through every layer: a centre tap of 1
 * from its own colour or carrier in the 5x5, 1x1 and 3x3 convolutions, 0 from every other channel.
 * Inputs are in [0, 1], so each PReLU passes a carrier unchanged. The sub-pixel tail maps the
 * carriers to MATLAB-aligned bilinear interpolation (HR pixel {@code 4q + r} sits at LR coordinate
 * {@code q + (r - 1.5) / 4}) and starts at 0 from all other channels, so the untrained network
 * outputs exactly bilinear upscaling inside the image. The other channels keep their random
 * initialisation and learn the detail on top: training starts near bicubic quality instead of
 * from a random image, which is what plain FSRCNN spends its first thousands of steps on.
 */
public final class BilinearPathInit {

    /** The tail layout is {@link SubPixelConverter}'s: x4, a 3x3 convolution, pixel shuffle. */
    private static final int SCALE = SubPixelConverter.SCALE;
    private static final int K = SubPixelConverter.SUB_KERNEL;

    private BilinearPathInit() {}

    /**
     * Rewrites the weights of an initialised FSRCNN in place.
     *
     * @param parameters the network's parameters by path name ({@link BlockParameters#parameters})
     * @param spec the network's hyper-parameters
     * @throws IllegalArgumentException if the scale is not 4, a layer is narrower
     *     than the colours, or the parameters do not match the spec
     */
    public static void apply(Map<String, Parameter> parameters, FsrcnnNet.Spec spec) {
        if (spec.scale() != SCALE) {
            throw new IllegalArgumentException("bilinear-path initialisation is for x" + SCALE + ", not x"
                    + spec.scale());
        }
        int colors = spec.colors();
        if (spec.channels() < colors || spec.shrink() < colors) {
            throw new IllegalArgumentException("bilinear-path initialisation needs d and s >= colours (" + colors
                    + "), got d=" + spec.channels() + ", s=" + spec.shrink());
        }
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> biases = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (e.getKey().endsWith("Conv2d_weight")) {
                weights.add(e.getValue().getArray());
            } else if (e.getKey().endsWith("Conv2d_bias")) {
                biases.add(e.getValue().getArray());
            }
        }
        int convs = spec.mapping() + 4;
        if (weights.size() != convs || biases.size() != convs) {
            throw new IllegalArgumentException("expected " + convs + " convolutions with bias for " + spec + ", got "
                    + weights.size());
        }
        for (int layer = 0; layer < convs - 1; layer++) {
            passCarriers(weights.get(layer), biases.get(layer), colors);
        }
        bilinearTail(weights.get(convs - 1), biases.get(convs - 1), colors);
    }

    /** Rows 0..colors-1 of an OIHW weight become a centre tap of 1 from the same input channel. */
    private static void passCarriers(NDArray weight, NDArray bias, int colors) {
        long[] s = weight.getShape().getShape();
        int in = (int) s[1];
        int kh = (int) s[2];
        int kw = (int) s[3];
        float[] w = weight.toFloatArray();
        float[] b = bias.toFloatArray();
        for (int o = 0; o < colors; o++) {
            for (int i = 0; i < in * kh * kw; i++) {
                w[o * in * kh * kw + i] = 0f;
            }
            w[((o * in + o) * kh + kh / 2) * kw + kw / 2] = 1f;
            b[o] = 0f;
        }
        BlockParameters.assign(weight, w);
        BlockParameters.assign(bias, b);
    }

    /** The tail: bilinear weights from the carriers, 0 from everything else, bias 0. */
    private static void bilinearTail(NDArray weight, NDArray bias, int colors) {
        long[] s = weight.getShape().getShape();
        int out = (int) s[0];
        int in = (int) s[1];
        if (out != colors * SCALE * SCALE || s[2] != K || s[3] != K) {
            throw new IllegalArgumentException("expected a " + K + "x" + K + " sub-pixel tail with "
                    + colors * SCALE * SCALE + " outputs, got " + weight.getShape());
        }
        float[] w = new float[out * in * K * K];
        for (int o = 0; o < colors; o++) {
            for (int r = 0; r < SCALE; r++) {
                for (int c = 0; c < SCALE; c++) {
                    int oc = o * SCALE * SCALE + r * SCALE + c;
                    for (int a = 0; a < K; a++) {
                        for (int b = 0; b < K; b++) {
                            w[((oc * in + o) * K + a) * K + b] = (float) (tap(r, a - K / 2) * tap(c, b - K / 2));
                        }
                    }
                }
            }
        }
        BlockParameters.assign(weight, w);
        BlockParameters.assign(bias, new float[out]);
    }

    /**
     * The bilinear weight of the LR pixel at offset {@code delta} for HR phase {@code r}: the HR
     * pixel lies {@code (r - 1.5) / 4 - delta} LR pixels from it.
     */
    static double tap(int r, int delta) {
        double distance = Math.abs((r - 1.5) / SCALE - delta);
        return Math.max(0, 1 - distance);
    }
}
