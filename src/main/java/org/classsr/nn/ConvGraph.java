package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A super-resolution network written as PyTorch writes one: a flat table of named convolutions
 * and an explicit forward pass over them. Used for the families whose graphs are not a plain
 * chain (CARN-M's cascades and shared blocks, SRResNet's residuals, RCAN's nested residual groups).
 *
 * <p>Each convolution is a direct child named by its upstream module path with {@code '.'}
 * replaced by {@code '_'}, so its parameters are {@code NAME_weight} and {@code NAME_bias}: the
 * upstream state-dict key {@code body.0.body.3.conv_du.0.weight} is the parameter {@code
 * body_0_body_3_conv_du_0_weight} here. Import needs no name table.
 *
 * <p>The table also records each convolution's input width, resolution (LR = 1, 2x = 2, 4x = 4,
 * or pooled to 1x1) and how many times one forward pass applies it, which gives initialisation
 * and the executed multiply-accumulate count without running anything.
 *
 * <p>Input {@code (N, 3, H, W)} in [0, 1]; output {@code (N, 3, H*scale, W*scale)}.
 */
public abstract class ConvGraph extends AbstractBlock implements CostedBlock {

    /** Resolution marker for a convolution applied to a globally pooled (1x1) map. */
    protected static final int POOLED = 0;

    private static final byte VERSION = 1;

    /** DJL's PyTorch interpolation mode number for (bi)linear (0 is nearest, 3 bicubic). */
    private static final int BILINEAR = 1;

    private record Layer(Conv2d conv, int in, int out, int kernel, int groups, int level, int uses) {}

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final int scale;
    private final int colors;

    protected ConvGraph(int scale, int colors) {
        super(VERSION);
        this.scale = scale;
        this.colors = colors;
    }

    /**
     * Declares a 'same' convolution (odd kernel, stride 1, padding (k-1)/2, with bias).
     *
     * @param name the upstream module path, '.' replaced by '_'
     * @param in input channels
     * @param out output channels
     * @param kernel odd kernel size
     * @param groups channel groups
     * @param level the resolution it runs at: 1 (LR), 2, 4 (HR), or {@link #POOLED}
     * @param uses how many times one forward pass applies it (weight sharing)
     */
    protected final void conv(String name, int in, int out, int kernel, int groups, int level, int uses) {
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(name + ": channels " + in + " -> " + out
                    + " are not divisible into " + groups + " groups");
        }
        int pad = (kernel - 1) / 2;
        Conv2d c = Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .optGroups(groups)
                .setFilters(out)
                .build();
        if (layers.put(name, new Layer(c, in, out, kernel, groups, level, uses)) != null) {
            throw new IllegalStateException("duplicate layer " + name);
        }
        children.add(name, c);
    }

    /** As {@link #conv(String, int, int, int, int, int, int)}: one group, applied once. */
    protected final void conv(String name, int in, int out, int kernel, int level) {
        conv(name, in, out, kernel, 1, level, 1);
    }

    /** The convolutions by name, in declaration order (for tests and import). */
    public final Map<String, Conv2d> convolutions() {
        Map<String, Conv2d> out = new LinkedHashMap<>();
        layers.forEach((k, v) -> out.put(k, v.conv));
        return Collections.unmodifiableMap(out);
    }

    public final int scale() {
        return scale;
    }

    /** The network's forward pass, on an input in [0, 1]. */
    protected abstract NDArray forward(Pass pass, NDArray x);

    /** Called once after the convolutions are initialised: set non-random starting values. */
    protected void afterInitialize() {}

    /** One forward pass: applies the named convolutions with the pass's parameters. */
    protected final class Pass {
        private final ParameterStore store;
        private final boolean training;

        private Pass(ParameterStore store, boolean training) {
            this.store = store;
            this.training = training;
        }

        public NDArray conv(String name, NDArray x) {
            Layer layer = layers.get(name);
            if (layer == null) {
                throw new IllegalStateException("no layer " + name);
            }
            return layer.conv.forward(store, new NDList(x), training).singletonOrThrow();
        }

        public NDArray relu(String name, NDArray x) {
            return Activation.relu(conv(name, x));
        }
    }

    @Override
    protected final NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(new Pass(parameterStore, training), inputs.singletonOrThrow()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Layer l : layers.values()) {
            l.conv.initialize(manager, dataType, new Shape(1, l.in, l.kernel, l.kernel));
        }
        afterInitialize();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return upscaled(inputShapes, colors, scale);
    }

    /** The output of an x{@code scale} image network: the input's batch, {@code colors} channels, scaled H and W. */
    static Shape[] upscaled(Shape[] inputShapes, int colors, int scale) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), colors, in.get(2) * scale, in.get(3) * scale)};
    }

    /** Executed MACs: every convolution over its resolution, times its uses. */
    @Override
    public long macs(Shape input) {
        long n = input.get(0);
        long h = input.get(2);
        long w = input.get(3);
        long total = 0;
        for (Layer l : layers.values()) {
            long px = l.level == POOLED ? 1 : h * l.level * w * l.level;
            long perPixel = (long) l.out * (l.in / l.groups) * l.kernel * l.kernel;
            total = Math.addExact(total, Math.multiplyExact(Math.multiplyExact(n * px, perPixel), l.uses));
        }
        return total;
    }

    /** Sets a convolution's weight and bias (e.g. a fixed mean shift). */
    protected final void setValues(String name, float[] weight, float[] bias) {
        Conv2d c = layers.get(name).conv;
        BlockParameters.assign(c.getParameters().get("weight").getArray(), weight);
        BlockParameters.assign(c.getParameters().get("bias").getArray(), bias);
    }

    /**
     * The DIV2K RGB mean subtracted before and added after CARN and RCAN, as upstream's
     * MeanShift 1x1 convolutions (identity weight, bias -/+ range * mean).
     */
    static final float[] DIV2K_MEAN = {0.4488f, 0.4371f, 0.4040f};

    /** Declares the pair of mean-shift convolutions {@code sub_mean} and {@code add_mean}. */
    protected final void meanShifts(int level) {
        conv("sub_mean", 3, 3, 1, 1);
        conv("add_mean", 3, 3, 1, level);
    }

    /** Sets the mean shifts to upstream's starting values for pixel range {@code range}. */
    protected final void initMeanShifts(float range) {
        float[] eye = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        float[] sub = new float[3];
        float[] add = new float[3];
        for (int c = 0; c < 3; c++) {
            sub[c] = -range * DIV2K_MEAN[c];
            add[c] = range * DIV2K_MEAN[c];
        }
        setValues("sub_mean", eye, sub);
        setValues("add_mean", eye, add);
    }

    /** A concatenation along channels. */
    protected static NDArray cat(NDArray... xs) {
        return NDArrays.concat(new NDList(xs), 1);
    }

    /** {@code scale x} bilinear upsampling, align_corners = false (PyTorch's F.interpolate). */
    protected static NDArray bilinear(NDArray x, int factor) {
        Shape s = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {s.get(2) * factor, s.get(3) * factor}, BILINEAR, false);
    }
}
