package org.classsr.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model folder opened for inference: the classifier (absent for a single network) and one
 * branch per class, each loaded on first use ({@link LazyNetwork}), so that a task that runs one
 * branch holds only that branch. Costs per tile are known without loading anything. Thread-safe
 * for inference: callers create their own predictors from the networks' models.
 */
public record ClassSrModel(Path folder, ModelSpec spec, LazyNetwork classifier, List<LazyNetwork> branches)
        implements AutoCloseable {

    public ClassSrModel {
        branches = List.copyOf(branches);
    }

    public boolean routed() {
        return classifier != null;
    }

    /** The folder of the matching "-O" network, if model.conf names one. */
    public Path originalFolder() {
        return spec.original() == null ? null : folder.resolve(spec.original()).normalize();
    }

    /**
     * The folder of the "-O" network that {@code who} (e.g. "eval", "a budget") measures this ClassSR model against.
     *
     * @throws IllegalArgumentException when the model has no classifier or its model.conf names no "-O" network
     */
    public Path requireOriginal(String who) {
        if (!routed() || originalFolder() == null) {
            throw new IllegalArgumentException(who + " needs a ClassSR model whose model.conf names its \"-O\" network "
                    + "(key original); " + folder + " has " + (routed() ? "no original" : "no classifier"));
        }
        return originalFolder();
    }

    /** Every network, the classifier first. */
    public List<LazyNetwork> networks() {
        return ModelSpec.classifierFirst(classifier, branches);
    }

    /**
     * Checks every network's weights (SHA-256, parameter names and shapes) without keeping those
     * not loaded yet; each network is checked once per JVM.
     *
     * @throws ModelException at the first network that fails, naming its file and the problem
     */
    public void verify() {
        networks().forEach(LazyNetwork::verify);
    }

    @Override
    public void close() {
        networks().forEach(LazyNetwork::close);
    }
}
