package org.classsr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
        return classSrSpec("classsr-fsrcnn-test", List.of(fsrcnn(16), fsrcnn(36), fsrcnn(56)), "../fsrcnn-o");
    }

    /** The single-network FSRCNN-O spec (width 56). */
    public static ModelSpec originalSpec() {
        return originalSpec("fsrcnn-o-test", fsrcnn(56));
    }

    /**
     * A ClassSR spec of any family: the paper's Class-Module and one branch per class of
     * {@link #CLASSES} (branch i is {@code networks.get(i)}), x4 on 32-pixel tiles, step 28.
     *
     * @param original the "-O" folder relative to this one, or null
     */
    public static ModelSpec classSrSpec(String name, List<NetworkSpec> networks, String original) {
        NetworkEntry classifier = new NetworkEntry("classifier",
                new NetworkSpec(NetworkRegistry.CLASSIFIER, Map.of("width", 128, "features", 32, "classes", 3)),
                new WeightsFile("classifier.safetensors", ""));
        List<NetworkEntry> branches = new ArrayList<>();
        for (int k = 0; k < CLASSES.size(); k++) {
            branches.add(entry(CLASSES.get(k), networks.get(k)));
        }
        return new ModelSpec(name, 4, 32, 28, CLASSES, classifier, branches, original, List.of(),
                Map.of("note", "random weights for tests"));
    }

    /** A single-network "-O" spec of any family: one branch "original" taking class "all". */
    public static ModelSpec originalSpec(String name, NetworkSpec network) {
        return new ModelSpec(name, 4, 32, 28, List.of("all"), null, List.of(entry("original", network)), null,
                List.of(), Map.of());
    }

    /** FSRCNN of width d (s = 12, m = 4). */
    public static NetworkSpec fsrcnn(int channels) {
        return new NetworkSpec(NetworkRegistry.FSRCNN, Map.of("channels", channels, "shrink", 12, "mapping", 4));
    }

    /** CARN-M of width nf (group 4: nf must be a multiple of 4). */
    public static NetworkSpec carn(int channels) {
        return new NetworkSpec(NetworkRegistry.CARN, Map.of("channels", channels));
    }

    /** MSRResNet of width nf with the given number of residual blocks. */
    public static NetworkSpec srresnet(int channels, int blocks) {
        return new NetworkSpec(NetworkRegistry.SRRESNET, Map.of("channels", channels, "blocks", blocks));
    }

    /** RCAN of n_feats channels (a multiple of the reduction 16), groups x blocks. */
    public static NetworkSpec rcan(int channels, int groups, int blocks) {
        return new NetworkSpec(NetworkRegistry.RCAN, Map.of("channels", channels, "groups", groups, "blocks", blocks));
    }

    static NetworkEntry branch(String name, int channels) {
        return entry(name, fsrcnn(channels));
    }

    private static NetworkEntry entry(String name, NetworkSpec network) {
        return new NetworkEntry(name, network, new WeightsFile(name + ".safetensors", ""));
    }

    /** Writes {@code root/classsr} and {@code root/fsrcnn-o} with random weights; returns the ClassSR folder. */
    public static Path writeRandomPair(Path root, long seed) throws IOException {
        write(root.resolve("fsrcnn-o"), originalSpec(), seed, b -> { });
        return write(root.resolve("classsr"), classSrSpec(), seed + 1, b -> { });
    }

    /**
     * Writes a random-weight pair of one family: {@code root/<family>-o} (the "-O" network alone)
     * and {@code root/classsr-<family>} (the classifier and the three branches, naming the first as
     * its original); returns the ClassSR folder.
     *
     * @param family the folder and model name stem, e.g. "carn"
     * @param branches the simple, medium and hard networks
     * @param edit hand-sets weights of the ClassSR folder's networks before they are saved (e.g.
     *     {@link #setBrightnessClassifier} on "classifier")
     */
    public static Path writeRandomFamily(Path root, String family, NetworkSpec original, List<NetworkSpec> branches,
            long seed, Consumer<Map<String, Block>> edit) throws IOException {
        write(root.resolve(family + "-o"), originalSpec(family + "-o-test", original), seed, b -> { });
        return write(root.resolve("classsr-" + family), classSrSpec("classsr-" + family + "-test", branches,
                "../" + family + "-o"), seed + 1, edit);
    }

    /**
     * Writes a model folder: every network is built from the registry, initialised with the
     * engine's random generator seeded by {@code seed}, then passed to {@code edit} (to hand-set
     * weights) before it is saved.
     */
    public static Path write(Path folder, ModelSpec spec, long seed, Consumer<Map<String, Block>> edit)
            throws IOException {
        UntrainedModels.write(folder, spec, (int) seed, edit);
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
