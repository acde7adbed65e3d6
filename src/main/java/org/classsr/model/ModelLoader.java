package org.classsr.model;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classsr.nn.BlockParameters;
import org.classsr.nn.MacCounter;

/**
 * Loads a model folder: reads model.conf, checks every weight file's SHA-256, builds each
 * network from the registry and fills its parameters, checking names and shapes. Every failure
 * names the file and what is wrong.
 */
public final class ModelLoader {

    private ModelLoader() {
    }

    public static ClassSrModel load(Path folder) {
        ModelSpec spec = ModelSpec.read(folder);
        checkWeightsPresent(folder, spec);
        List<LoadedNetwork> opened = new ArrayList<>();
        try {
            LoadedNetwork classifier = null;
            if (spec.classifier() != null) {
                classifier = loadNetwork(folder, spec, spec.classifier());
                opened.add(classifier);
            }
            List<LoadedNetwork> branches = new ArrayList<>();
            for (NetworkEntry entry : spec.branches()) {
                LoadedNetwork branch = loadNetwork(folder, spec, entry);
                opened.add(branch);
                branches.add(branch);
            }
            return new ClassSrModel(folder, spec, classifier, branches);
        } catch (RuntimeException e) {
            opened.forEach(LoadedNetwork::close);
            throw e;
        }
    }

    /** Fails before any work when a weight file is absent, e.g. a model not trained yet. */
    static void checkWeightsPresent(Path folder, ModelSpec spec) {
        List<String> missing = new ArrayList<>();
        for (NetworkEntry e : spec.networks()) {
            if (!Files.isRegularFile(folder.resolve(e.weights().file()))) {
                missing.add(e.weights().file());
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelException("model folder " + folder + " has no trained weights: missing "
                    + String.join(", ", missing) + " (train them with `submit/classsr train`, see README \"Training\")");
        }
    }

    private static LoadedNetwork loadNetwork(Path folder, ModelSpec spec, NetworkEntry entry) {
        Path file = folder.resolve(entry.weights().file());
        byte[] bytes = entry.weights().readVerified(folder, entry.name());
        NetworkFactory factory = NetworkRegistry.factory(entry.spec().arch());
        Block block = factory.build(entry.spec(), spec.scale());
        Model model = Model.newInstance(spec.name() + "-" + entry.name());
        try {
            model.setBlock(block);
            Shape input = tileShape(spec);
            block.initialize(model.getNDManager(), DataType.FLOAT32, input);
            fillParameters(file, block, bytes, model.getNDManager());
            long executed = MacCounter.macs(block, input);
            long paper = factory.paperMacs(entry.spec(), spec.tileSize(), spec.scale());
            return new LoadedNetwork(entry, model, executed, paper);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The input shape of one tile: (1, 3, size, size). */
    public static Shape tileShape(ModelSpec spec) {
        return new Shape(1, 3, spec.tileSize(), spec.tileSize());
    }

    private static void fillParameters(Path file, Block block, byte[] bytes, NDManager parent) {
        try (NDManager scratch = parent.newSubManager()) {
            NDList stored;
            try {
                stored = NDList.decode(scratch, bytes);
            } catch (RuntimeException e) {
                throw new ModelException(file + ": not a readable safetensors weight file: " + e.getMessage(), e);
            }
            try {
                BlockParameters.copyInto(block, stored);
            } catch (IllegalArgumentException e) {
                throw new ModelException(file + ": does not fit the architecture in model.conf: " + e.getMessage(), e);
            }
        }
    }
}
