package org.classsr.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * Counts the multiply-accumulates (MACs) a block really executes on one input shape: the
 * "executed" convention. FLOPs = 2 x MACs.
 *
 * <p>Counted:
 *
 * <ul>
 *   <li>{@link Convolution} (Conv1d/2d/3d): output elements x (input channels / groups) x kernel
 *       size, i.e. {@code N*outH*outW*cout*cin*kh*kw/groups} for Conv2d;
 *   <li>{@link Linear}: rows x in x out;
 *   <li>{@link CostedBlock}: whatever it reports (it must include its own children);
 *   <li>{@link SequentialBlock}: the sum over its children, in order, propagating the shape with
 *       {@code getOutputShapes}.
 * </ul>
 *
 * Counted as 0: biases, activations (PReLU, LeakyReLU, ...), pooling, pixel shuffle, reshapes, i.e.
 * every block without parameters. A block of any other type that has parameters makes the count
 * throw, so that nothing is silently under-counted. The batch dimension is included: pass {@code
 * (1, C, H, W)} for a per-patch count.
 *
 * <p>The ClassSR paper counts FSRCNN's transposed convolution differently; see {@link PaperFlops}.
 */
public final class MacCounter {

    private MacCounter() {}

    /**
     * Returns the MACs one forward pass of {@code block} executes on {@code input}.
     *
     * @param block the block (need not be initialised)
     * @param input the input shape, batch included
     * @return the MAC count
     * @throws IllegalArgumentException if the tree holds a block with parameters of unknown cost
     */
    public static long macs(Block block, Shape input) {
        return walk(block, input, "").macs;
    }

    /**
     * Returns 2 x {@link #macs(Block, Shape)}.
     *
     * @param block the block
     * @param input the input shape, batch included
     * @return the FLOP count
     */
    public static long flops(Block block, Shape input) {
        return 2L * macs(block, input);
    }

    private record Cost(long macs, Shape output) {}

    private static Cost walk(Block block, Shape input, String path) {
        String name = path.isEmpty() ? block.getClass().getSimpleName() : path;
        if (block instanceof CostedBlock costed) {
            return new Cost(costed.macs(input), block.getOutputShapes(new Shape[] {input})[0]);
        }
        if (block instanceof Convolution conv) {
            Shape out = conv.getOutputShapes(new Shape[] {input})[0];
            long cin = input.get(1);
            long macs =
                    Math.multiplyExact(
                            Math.multiplyExact(out.size(), cin / conv.getGroups()),
                            conv.getKernelShape().size());
            return new Cost(macs, out);
        }
        if (block instanceof Linear linear) {
            Shape out = linear.getOutputShapes(new Shape[] {input})[0];
            long units = out.get(out.dimension() - 1);
            return new Cost(Math.multiplyExact(input.size(), units), out);
        }
        if (block instanceof SequentialBlock) {
            long total = 0;
            Shape shape = input;
            for (var child : block.getChildren()) {
                Cost c = walk(child.getValue(), shape, name + "/" + child.getKey());
                total = Math.addExact(total, c.macs);
                shape = c.output;
            }
            return new Cost(total, shape);
        }
        if (block.getParameters().isEmpty()) {
            return new Cost(0L, block.getOutputShapes(new Shape[] {input})[0]);
        }
        throw new IllegalArgumentException(
                "Cannot count MACs of "
                        + name
                        + " ("
                        + block.getClass().getName()
                        + "): it has parameters and is neither a Convolution, a Linear, a"
                        + " SequentialBlock nor a CostedBlock");
    }
}
