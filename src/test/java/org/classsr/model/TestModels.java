package org.classsr.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Model folders with random or hand-set weights, written in the real format, for tests. */
public final class TestModels {

    public static final List<String> CLASSES = List.of("simple", "medium", "hard");

    private TestModels() {
    }

    /** The ClassSR-FSRCNN spec (widths 16/36/56) naming "../fsrcnn-o" as its original. */
    public static ModelSpec classSrSpec() {
        NetworkEntry classifier = new NetworkEntry("classifier",
                new NetworkSpec(NetworkRegistry.CLASSIFIER, Map.of("width", 128, "features", 32, "classes", 3)),
                new WeightsFile("classifier.safetensors", ""));
        List<NetworkEntry> branches = List.of(branch("simple", 16), branch("medium", 36), branch("hard", 56));
        return new ModelSpec("classsr-fsrcnn-test", 4, 32, 28, CLASSES, classifier, branches, "../fsrcnn-o",
                List.of(), Map.of("note", "random weights for tests"));
    }

    /** The single-network FSRCNN-O spec (width 56). */
    public static ModelSpec originalSpec() {
        return new ModelSpec("fsrcnn-o-test", 4, 32, 28, List.of("all"), null, List.of(branch("original", 56)),
                null, List.of(), Map.of());
    }

    static NetworkEntry branch(String name, int channels) {
        return new NetworkEntry(name,
                new NetworkSpec(NetworkRegistry.FSRCNN, Map.of("channels", channels, "shrink", 12, "mapping", 4)),
                new WeightsFile(name + ".safetensors", ""));
    }

    /** Writes {@code root/classsr} and {@code root/fsrcnn-o} with random weights; returns the ClassSR folder. */
    public static Path writeRandomPair(Path root, long seed) throws IOException {
        write(root.resolve("fsrcnn-o"), originalSpec(), seed, b -> { });
        return write(root.resolve("classsr"), classSrSpec(), seed + 1, b -> { });
    }

    /**
     * Writes a model folder: every network is built from the registry, initialised with the
     * engine's random generator seeded by {@code seed}, then passed to {@code edit} (to hand-set
     * weights) before it is saved.
     */
    public static Path write(Path folder, ModelSpec spec, long seed, Consumer<Map<String, Block>> edit)
            throws IOException {
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Block> blocks = new LinkedHashMap<>();
            for (NetworkEntry e : spec.networks()) {
                Block block = NetworkRegistry.factory(e.spec().arch()).build(e.spec(), spec.scale());
                block.initialize(manager, DataType.FLOAT32, ModelLoader.tileShape(spec));
                blocks.put(e.name(), block);
            }
            edit.accept(blocks);
            ModelWriter.write(folder, spec, blocks);
        }
        return folder;
    }
}
