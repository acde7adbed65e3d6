package org.classsr.model;

import ai.djl.Model;

/**
 * A network with its weights loaded, ready for predictors, with its cost per LR tile in both
 * conventions (executed: what the hardware runs; paper: the ClassSR table's count).
 */
public record LoadedNetwork(NetworkEntry entry, Model model, long executedMacs, long paperMacs)
        implements AutoCloseable {

    public String name() {
        return entry.name();
    }

    @Override
    public void close() {
        model.close();
    }
}
