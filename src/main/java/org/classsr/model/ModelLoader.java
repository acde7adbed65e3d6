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
import org.classsr.nn.PhaseTailBlock;

/**
 * Opens model folders: reads model.conf, checks that every weight file is there, and gives each
 * network as a {@link LazyNetwork} whose costs are known at once and whose weights load on first
 * use. Loading a network checks its file's SHA-256, builds it from the registry and fills its
 * parameters, checking names and shapes. Every failure names the file and what is wrong.
 */
public final class ModelLoader {

    private ModelLoader() {
    }

    /**
     * The model with nothing loaded: what an executor needs, where a task loads only the networks
     * it runs. Fails at once on a bad model.conf, an unknown architecture or a missing weight file;
     * a changed or misshapen weight file fails when its network loads.
     */
    public static ClassSrModel open(Path folder) {
        ModelSpec spec = ModelSpec.read(folder);
        checkWeightsPresent(folder, spec);
        LazyNetwork classifier = spec.classifier() == null ? null : lazy(folder, spec, spec.classifier());
        List<LazyNetwork> branches = new ArrayList<>();
        for (NetworkEntry entry : spec.branches()) {
            branches.add(lazy(folder, spec, entry));
        }
        return new ClassSrModel(folder, spec, classifier, branches);
    }

    /**
     * {@link #open} and then {@link ClassSrModel#verify()}: every weight file is checked now, so a
     * broken model fails before any work. The networks still load on first use.
     */
    public static ClassSrModel load(Path folder) {
        ClassSrModel model = open(folder);
        try {
            model.verify();
            return model;
        } catch (RuntimeException e) {
            model.close();
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

    /** A network with its costs worked out from the architecture alone (an uninitialised block). */
    private static LazyNetwork lazy(Path folder, ModelSpec spec, NetworkEntry entry) {
        NetworkFactory factory = NetworkRegistry.factory(entry.spec().arch());
        Block block = factory.build(entry.spec(), spec.scale());
        long executed = MacCounter.macs(block, tileShape(spec));
        long paper = factory.paperMacs(entry.spec(), spec.tileSize(), spec.scale());
        return new LazyNetwork(folder, spec, entry, new Macs(executed, paper));
    }

    /** Reads, checks and loads one network's weights; the caller owns (closes) the model. */
    static Model loadModel(Path folder, ModelSpec spec, NetworkEntry entry) {
        return loadModel(folder, spec, entry, null);
    }

    /** As {@link #loadModel(Path, ModelSpec, NetworkEntry)}, on {@code device} (null: DJL's default). */
    static Model loadModel(Path folder, ModelSpec spec, NetworkEntry entry, ai.djl.Device device) {
        Path file = folder.resolve(entry.weights().file());
        byte[] bytes = entry.weights().readVerified(folder, entry.name());
        Block block = NetworkRegistry.factory(entry.spec().arch()).build(entry.spec(), spec.scale());
        String name = spec.name() + "-" + entry.name();
        Model model = device == null ? Model.newInstance(name) : Model.newInstance(name, device);
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, tileShape(spec));
            fillParameters(file, block, bytes, model.getNDManager());
            checkPhaseTail(file, block);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The input shape of one tile: (1, 3, size, size). */
    public static Shape tileShape(ModelSpec spec) {
        return new Shape(1, 3, spec.tileSize(), spec.tileSize());
    }

    /** A phase tail computes the stored function only when the dropped taps are zero. */
    private static void checkPhaseTail(Path file, Block block) {
        for (var child : block.getChildren()) {
            if (child.getValue() instanceof PhaseTailBlock tail) {
                String problem = tail.zeroTapProblem();
                if (problem != null) {
                    throw new ModelException(file + ": " + problem + "; set " + NetworkRegistry.TRANSPOSED_TAIL
                            + " = 0 in model.conf");
                }
            }
        }
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
