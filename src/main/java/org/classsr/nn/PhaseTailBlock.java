package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * FSRCNN's x4 transposed-convolution tail computed from its real taps only: the same function as
 * the sub-pixel tail (3x3 conv with padding 1, then {@link PixelShuffleBlock}(4)) whose weights
 * came from {@link SubPixelConverter}, without multiplying the 63 of 144 taps per phase pair that
 * the conversion leaves at zero.
 *
 * <p>The parameters are the sub-pixel conv's, in its layout ({@code weight [colors*16, d, 3, 3]},
 * {@code bias [colors*16]}), so one weight file serves both tails; the taps outside {@link
 * TailPhases} must be exactly zero ({@link #zeroTapProblem()}), which holds for weights converted
 * from a transposed convolution and not for a sub-pixel tail trained as such.
 *
 * <p>Forward: pad the input by 1 once; for each {@link TailPhases.Group} one valid convolution of
 * its {@code k x l} real taps over the matching window of the padded input; concatenate, restore
 * the sub-pixel channel order with one index select, pixel-shuffle. Executed cost: {@code N * H *
 * W * d * colors * 81} MACs (the transposed convolution's own), against {@code * 144} densely.
 *
 * <p>Fewer MACs, yet slower on DJL's PyTorch CPU engine: nine convolutions with 3 to 12 output
 * channels run far below the throughput of the one dense 48-channel convolution (measured 1.8x
 * the dense tail's FSRCNN-56 forward time; docs/engine-speed.md), so it is opt-in
 * ({@code transposed-tail = 1} in model.conf).
 */
public final class PhaseTailBlock extends AbstractBlock implements CostedBlock {

    private static final byte VERSION = 1;
    private static final int SCALE = SubPixelConverter.SCALE;
    private static final int K = SubPixelConverter.SUB_KERNEL;

    private final int colors;
    private final Parameter weight;
    private final Parameter bias;
    private final Object lock = new Object();
    private volatile Kernels kernels; // built from the parameters on the first forward

    /** Per-group kernels and biases, and the channel order that undoes the grouping. */
    private record Kernels(List<NDArray> weights, List<NDArray> biases, NDArray order) {}

    /**
     * A tail producing {@code colors} channels at 4x the input size.
     *
     * @param colors the output image channels (3 for RGB)
     */
    public PhaseTailBlock(int colors) {
        super(VERSION);
        if (colors < 1) {
            throw new IllegalArgumentException("colors must be >= 1, got " + colors);
        }
        this.colors = colors;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Shape[] inputShapes) {
        long d = inputShapes[0].get(1);
        weight.setShape(new Shape((long) colors * SCALE * SCALE, d, K, K));
        bias.setShape(new Shape((long) colors * SCALE * SCALE));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return ConvGraph.upscaled(inputShapes, colors, SCALE);
    }

    /** Returns the MACs of the real taps: 81 per (input channel, colour, LR pixel). */
    @Override
    public long macs(Shape input) {
        long pixels = Math.multiplyExact(input.get(0), input.get(2) * input.get(3));
        return Math.multiplyExact(pixels, input.get(1) * colors * TailPhases.realTaps());
    }

    /**
     * Why these weights are not a transposed convolution's, or null when every tap outside the real
     * ones is exactly zero (then this block equals the dense sub-pixel tail).
     *
     * @return a one-line reason, or null
     */
    public String zeroTapProblem() {
        float[] w = weight.getArray().toFloatArray();
        long d = weight.getArray().getShape().get(1);
        int nonZero = 0;
        for (int oc = 0; oc < colors * SCALE * SCALE; oc++) {
            int phase = oc % (SCALE * SCALE);
            for (long c = 0; c < d; c++) {
                for (int a = 0; a < K; a++) {
                    for (int b = 0; b < K; b++) {
                        boolean real = TailPhases.isReal(phase / SCALE, a) && TailPhases.isReal(phase % SCALE, b);
                        if (!real && w[(int) (((oc * d + c) * K + a) * K + b)] != 0f) {
                            nonZero++;
                        }
                    }
                }
            }
        }
        return nonZero == 0
                ? null
                : nonZero + " taps that a transposed convolution leaves at zero are not zero (a sub-pixel tail"
                        + " trained as such): the phase tail would compute a different function";
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Kernels k = kernels();
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
        List<TailPhases.Group> groups = TailPhases.groups();
        NDList parts = new NDList(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            TailPhases.Group group = groups.get(g);
            NDArray window = padded.get(new NDIndex(":, :, {}:{}, {}:{}",
                    group.rows().first(), group.rows().first() + h + group.rows().taps() - 1,
                    group.cols().first(), group.cols().first() + w + group.cols().taps() - 1));
            parts.add(Conv2d.conv2d(window, k.weights().get(g), k.biases().get(g)).singletonOrThrow());
        }
        NDArray grouped = NDArrays.concat(parts, 1);
        NDArray ordered = grouped.get(new NDIndex(":, {}", k.order()));
        return new NDList(PixelShuffleBlock.pixelShuffle(ordered, SCALE));
    }

    /** Cuts the per-group kernels out of the parameters once; shared by every thread. */
    private Kernels kernels() {
        Kernels k = kernels;
        if (k != null) {
            return k;
        }
        synchronized (lock) {
            if (kernels == null) {
                kernels = cut(weight.getArray(), bias.getArray());
            }
            return kernels;
        }
    }

    private Kernels cut(NDArray w, NDArray b) {
        NDManager owner = w.getManager(); // lives as long as the parameters
        int d = Math.toIntExact(w.getShape().get(1));
        float[] wv = w.toFloatArray();
        float[] bv = b.toFloatArray();
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> biases = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (TailPhases.Group g : TailPhases.groups()) {
            int kh = g.rows().taps();
            int kw = g.cols().taps();
            int phases = g.rows().phases().length * g.cols().phases().length;
            float[] gw = new float[colors * phases * d * kh * kw];
            float[] gb = new float[colors * phases];
            int out = 0;
            for (int o = 0; o < colors; o++) {
                for (int r : g.rows().phases()) {
                    for (int s : g.cols().phases()) {
                        int oc = o * SCALE * SCALE + r * SCALE + s;
                        order.add(oc);
                        gb[out] = bv[oc];
                        for (int c = 0; c < d; c++) {
                            for (int a = 0; a < kh; a++) {
                                for (int bb = 0; bb < kw; bb++) {
                                    int src = ((oc * d + c) * K + g.rows().first() + a) * K + g.cols().first() + bb;
                                    gw[((out * d + c) * kh + a) * kw + bb] = wv[src];
                                }
                            }
                        }
                        out++;
                    }
                }
            }
            weights.add(owner.create(gw, new Shape(colors * phases, d, kh, kw)));
            biases.add(owner.create(gb, new Shape(colors * phases)));
        }
        // order[i] = sub-pixel channel of grouped channel i; the select needs the inverse
        long[] inverse = new long[order.size()];
        for (int i = 0; i < order.size(); i++) {
            inverse[order.get(i)] = i;
        }
        NDArray select = owner.create(inverse).toType(DataType.INT64, false);
        return new Kernels(weights, biases, select);
    }
}
