package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Sub-pixel rearrangement, as PyTorch's {@code nn.PixelShuffle(r)}: {@code (N, C*r*r, H, W) -> (N,
 * C, H*r, W*r)}, where input channel {@code c*r*r + i*r + j} at {@code (h, w)} goes to output
 * channel {@code c} at {@code (h*r + i, w*r + j)}.
 *
 * <p>Done with one reshape, one transpose and one reshape; no parameters. Cost: 0
 * multiply-accumulates (a pure data movement).
 */
public final class PixelShuffleBlock extends AbstractBlock implements CostedBlock {

    private static final byte VERSION = 1;

    private final int factor;

    /**
     * A pixel shuffle by {@code factor} in both directions.
     *
     * @param factor the upscaling factor r, at least 1
     */
    public PixelShuffleBlock(int factor) {
        super(VERSION);
        if (factor < 1) {
            throw new IllegalArgumentException("Pixel shuffle factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    /**
     * Returns the upscaling factor.
     *
     * @return r
     */
    public int getFactor() {
        return factor;
    }

    /**
     * Rearranges one array; see the class description.
     *
     * @param x an array of shape {@code (N, C*r*r, H, W)}
     * @param r the factor
     * @return an array of shape {@code (N, C, H*r, W*r)}
     */
    public static NDArray pixelShuffle(NDArray x, int r) {
        Shape out = outputShape(x.getShape(), r);
        long n = out.get(0);
        long c = out.get(1);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        return x.reshape(n, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(out);
    }

    private static Shape outputShape(Shape in, int r) {
        if (in.dimension() != 4) {
            throw new IllegalArgumentException(
                    "Pixel shuffle needs an input of shape (N, C*r*r, H, W), got " + in);
        }
        long rr = (long) r * r;
        if (in.get(1) % rr != 0) {
            throw new IllegalArgumentException(
                    "Pixel shuffle by " + r + ": channels " + in.get(1) + " of " + in
                            + " are not a multiple of " + rr);
        }
        return new Shape(in.get(0), in.get(1) / rr, in.get(2) * r, in.get(3) * r);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(pixelShuffle(inputs.singletonOrThrow(), factor));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0], factor)};
    }

    /** Returns 0: a pixel shuffle moves data and computes nothing. */
    @Override
    public long macs(Shape input) {
        return 0L;
    }
}
