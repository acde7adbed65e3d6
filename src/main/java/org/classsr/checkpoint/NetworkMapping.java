package org.classsr.checkpoint;

import ai.djl.nn.Block;
import org.classsr.model.NetworkSpec;

/** How one upstream architecture's state dict becomes one of our networks. */
interface NetworkMapping {

    /**
     * Reads the architecture options (widths, depths) from the keys and shapes, and checks the
     * scale where the keys show it.
     *
     * @throws CheckpointException naming a missing key or the wrong scale
     */
    NetworkSpec infer(StateDict sd);

    /** Gives every parameter of {@code target} a value, taking the keys it uses from {@code sd}. */
    void convert(StateDict sd, Block block, ParameterTarget target);
}
