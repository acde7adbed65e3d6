package org.classsr.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded model folder: the classifier (absent for a single network) and one branch per class.
 * Thread-safe for inference: callers create their own predictors from the networks' models.
 */
public record ClassSrModel(Path folder, ModelSpec spec, LoadedNetwork classifier, List<LoadedNetwork> branches)
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

    @Override
    public void close() {
        if (classifier != null) {
            classifier.close();
        }
        branches.forEach(LoadedNetwork::close);
    }
}
