package org.classsr.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model folders with random (untrained) weights at each family's published widths, to time a
 * network without training it ({@code classsr init-model}). An "-O" model ({@code fsrcnn},
 * {@code carn}, {@code srresnet}, {@code rcan}) is the family's full width as one branch
 * "original" of class "all"; a ClassSR model ({@code classsr-FAMILY}) is the Class-Module plus
 * simple / medium / hard branches at the paper's widths. Tiles 32 step 28, x4, as the shipped
 * models. Provenance says the weights are untrained, for timing only.
 */
public final class UntrainedModels {

    /** What {@code provenance.trained-with} says of these folders. */
    public static final String UNTRAINED = "untrained, for timing only";
    public static final String CLASSSR_PREFIX = "classsr-";
    static final int TILE = 32;
    static final int TILE_STEP = 28;
    static final int SCALE = 4;
    static final List<String> CLASSES = List.of("simple", "medium", "hard");

    /** One family: its registry name, the options of every width, the ClassSR widths, the -O width. */
    private record Family(String arch, Map<String, Integer> fixed, List<Integer> classsrWidths, int fullWidth) {
    }

    // Widths from the ClassSR paper (Kong et al., CVPR 2021); the other options are the families' defaults,
    // written out so that model.conf shows the whole architecture.
    private static final List<Family> FAMILIES = List.of(
            new Family(NetworkRegistry.FSRCNN, Map.of("shrink", 12, "mapping", 4), List.of(16, 36, 56), 56),
            new Family(NetworkRegistry.CARN, Map.of("group", 4), List.of(36, 52, 64), 64),
            new Family(NetworkRegistry.SRRESNET, Map.of("blocks", 16), List.of(36, 52, 64), 64),
            new Family(NetworkRegistry.RCAN, Map.of("groups", 10, "blocks", 20), List.of(36, 50, 64), 64));

    private UntrainedModels() {
    }

    /** Every name {@link #spec} takes: the four "-O" families, then their ClassSR models. */
    public static List<String> archs() {
        List<String> names = new ArrayList<>();
        FAMILIES.forEach(f -> names.add(f.arch()));
        FAMILIES.forEach(f -> names.add(CLASSSR_PREFIX + f.arch()));
        return names;
    }

    /**
     * The spec of an untrained model.
     *
     * @param arch one of {@link #archs()}
     * @param original for a ClassSR model, the path of its "-O" folder relative to its own (e.g.
     *     "../srresnet-o"), or null; must be null for an "-O" model
     * @param seed recorded in the provenance
     */
    public static ModelSpec spec(String arch, String original, int seed) {
        boolean classsr = arch != null && arch.startsWith(CLASSSR_PREFIX);
        String familyName = classsr ? arch.substring(CLASSSR_PREFIX.length()) : arch;
        Family family = FAMILIES.stream().filter(f -> f.arch().equals(familyName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown architecture '" + arch + "'; one of "
                        + String.join(", ", archs())));
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("trained-with", UNTRAINED);
        provenance.put("made-by", "submit/classsr init-model --arch " + arch);
        provenance.put("seed", seed);
        provenance.put("date", LocalDate.now().toString());
        if (!classsr) {
            if (original != null) {
                throw new IllegalArgumentException("'" + arch + "' is an \"-O\" model: it has no original of its own"
                        + " (--original is for the classsr-* architectures)");
            }
            return new ModelSpec(arch + "-o", SCALE, TILE, TILE_STEP, List.of("all"), null,
                    List.of(branch(family, "original", family.fullWidth())), null, List.of(), provenance);
        }
        NetworkEntry classifier = new NetworkEntry("classifier",
                new NetworkSpec(NetworkRegistry.CLASSIFIER, Map.of("width", 128, "features", 32, "classes", 3)),
                new WeightsFile("classifier.safetensors", ""));
        List<NetworkEntry> branches = new ArrayList<>();
        for (int k = 0; k < CLASSES.size(); k++) {
            branches.add(branch(family, CLASSES.get(k), family.classsrWidths().get(k)));
        }
        return new ModelSpec(arch, SCALE, TILE, TILE_STEP, CLASSES, classifier, branches, original, List.of(),
                provenance);
    }

    private static NetworkEntry branch(Family family, String name, int channels) {
        Map<String, Integer> options = new LinkedHashMap<>(family.fixed());
        options.put("channels", channels);
        return new NetworkEntry(name, new NetworkSpec(family.arch(), options), new WeightsFile(name + ".safetensors", ""));
    }

    /**
     * Writes a model folder whose every network is built from the registry and initialised by the
     * engine's random generator seeded with {@code seed} (the same seed gives the same weights).
     *
     * @return the spec as written, with checksums
     */
    public static ModelSpec write(Path folder, ModelSpec spec, int seed) throws IOException {
        return write(folder, spec, seed, blocks -> { });
    }

    /**
     * As {@link #write(Path, ModelSpec, int)}, with {@code edit} given the initialised networks by
     * name before they are saved (tests hand-set weights this way).
     */
    public static ModelSpec write(Path folder, ModelSpec spec, int seed,
            java.util.function.Consumer<Map<String, Block>> edit) throws IOException {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Block> blocks = new LinkedHashMap<>();
            for (NetworkEntry e : spec.networks()) {
                Block block = NetworkRegistry.factory(e.spec().arch()).build(e.spec(), spec.scale());
                block.initialize(manager, DataType.FLOAT32, ModelLoader.tileShape(spec));
                blocks.put(e.name(), block);
            }
            edit.accept(blocks);
            return ModelWriter.write(folder, spec, blocks);
        }
    }
}
