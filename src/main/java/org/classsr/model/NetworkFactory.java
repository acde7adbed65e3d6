package org.classsr.model;

import ai.djl.nn.Block;

/** Builds one architecture from its options, and states its cost in the paper's convention. */
public interface NetworkFactory {

    /** A new, uninitialised block. */
    Block build(NetworkSpec spec, int scale);

    /** Multiply-accumulates per LR tile as the ClassSR paper counts them. */
    long paperMacs(NetworkSpec spec, int tileSize, int scale);
}
