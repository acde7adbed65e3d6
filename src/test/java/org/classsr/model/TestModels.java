package org.classsr.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.classsr.nn.BlockParameters;

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

    /**
     * Feature 0 carries the tile's mean brightness M through every layer; the logits are
     * (5 - 10M, 0, 10M - 5), so M < 0.5 is simple and M > 0.5 is hard.
     */
    public static void setBrightnessClassifier(Block classifier) {
        List<Parameter> convWeights = new ArrayList<>();
        Parameter linearWeight = null;
        Parameter linearBias = null;
        for (Map.Entry<String, Parameter> e : BlockParameters.parameters(classifier).entrySet()) {
            NDArray a = e.getValue().getArray();
            a.set(new float[(int) a.size()]);
            if (e.getKey().contains("Conv2d_weight")) {
                convWeights.add(e.getValue());
            } else if (e.getKey().contains("Linear_weight")) {
                linearWeight = e.getValue();
            } else if (e.getKey().contains("Linear_bias")) {
                linearBias = e.getValue();
            }
        }
        NDArray first = convWeights.get(0).getArray(); // (128, 3, 4, 4): output 0 = mean of the 4x4x3 patch
        float[] w = new float[(int) first.size()];
        java.util.Arrays.fill(w, 0, 48, 1f / 48);
        first.set(w);
        for (int i = 1; i < convWeights.size(); i++) { // 1x1 convs pass channel 0 through
            NDArray a = convWeights.get(i).getArray();
            float[] v = new float[(int) a.size()];
            v[0] = 1f;
            a.set(v);
        }
        float[] lw = new float[3 * 32];
        lw[0] = -10f;
        lw[2 * 32] = 10f;
        linearWeight.getArray().set(lw);
        linearBias.getArray().set(new float[] {5f, 0f, -5f});
    }
}
