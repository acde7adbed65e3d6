package org.classsr.nn;

import ai.djl.ndarray.types.Shape;

/**
 * A block that reports its own multiply-accumulate count, so that {@link MacCounter} can count it
 * (and everything inside it) without knowing its type. A composite that implements this interface
 * must include its children: {@link MacCounter} does not descend into it.
 */
public interface CostedBlock {

    /**
     * Returns the multiply-accumulates one forward pass executes on an input of this shape
     * (batch dimension included).
     *
     * @param input the input shape, e.g. {@code (N, C, H, W)}
     * @return the MAC count, never negative
     */
    long macs(Shape input);
}
