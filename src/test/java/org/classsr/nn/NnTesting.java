package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Random;

/** Small helpers shared by the nn tests. */
final class NnTesting {

    private NnTesting() {}

    /** Initialises {@code block} for {@code input} with float32 parameters. */
    static void init(Block block, NDManager manager, Shape input) {
        block.initialize(manager, DataType.FLOAT32, input);
    }

    /** Runs one inference forward pass. */
    static NDArray forward(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }

    /** Uniform values in [-1, 1). */
    static float[] random(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextFloat() * 2f - 1f;
        }
        return a;
    }
}
