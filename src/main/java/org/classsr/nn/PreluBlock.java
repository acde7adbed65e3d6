package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Per-channel PReLU, as PyTorch's {@code nn.PReLU(num_parameters=C)}: {@code y = max(x, 0) +
 * alpha[c] * min(x, 0)}, with one learnable slope per channel (axis 1), initialised to 0.25.
 *
 * <p>Written here because {@code ai.djl.nn.core.Prelu} is not implemented on DJL's PyTorch engine.
 * The block has one parameter, {@code "alpha"}, of shape {@code (C)}; {@code C} is taken from the
 * input shape at initialisation (or checked against the value given to the constructor). Input
 * rank must be at least 2 ({@code (N, C, ...)}); the output has the input's shape.
 *
 * <p>Cost: counted as 0 multiply-accumulates (element-wise work is not counted, see {@link
 * MacCounter}).
 */
public final class PreluBlock extends AbstractBlock implements CostedBlock {

    /** PyTorch's default initial slope. */
    public static final float DEFAULT_ALPHA = 0.25f;

    private static final byte VERSION = 1;

    private final Parameter alpha;
    private final int channels;

    /** A PReLU whose channel count is taken from the input shape at initialisation. */
    public PreluBlock() {
        this(-1);
    }

    /**
     * A PReLU for exactly {@code channels} channels.
     *
     * @param channels the number of channels (axis 1), or -1 to take it from the input shape
     */
    public PreluBlock(int channels) {
        super(VERSION);
        if (channels == 0 || channels < -1) {
            throw new IllegalArgumentException("PReLU channels must be positive, got " + channels);
        }
        this.channels = channels;
        alpha =
                addParameter(
                        Parameter.builder()
                                .setName("alpha")
                                .setType(Parameter.Type.OTHER)
                                .optInitializer(new ConstantInitializer(DEFAULT_ALPHA))
                                .build());
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = parameterStore.getValue(alpha, x.getDevice(), training);
        long[] view = new long[x.getShape().dimension()];
        Arrays.fill(view, 1L);
        view[1] = a.getShape().get(0);
        // The reshaped view would belong to the parameter's manager and live as long as the
        // model; give it to the input's manager, which is closed with the batch.
        NDArray slope = a.reshape(view);
        slope.attach(x.getManager());
        return new NDList(x.maximum(0f).add(x.minimum(0f).mul(slope)));
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() < 2) {
            throw new IllegalArgumentException(
                    "PReLU needs an input of shape (N, C, ...), got " + in);
        }
        long c = in.get(1);
        if (channels > 0 && c != channels) {
            throw new IllegalArgumentException(
                    "PReLU built for " + channels + " channels, got input " + in);
        }
        alpha.setShape(new Shape(c));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** Returns 0: the element-wise PReLU is not counted as multiply-accumulates. */
    @Override
    public long macs(Shape input) {
        return 0L;
    }
}
