package org.classsr.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.classsr.model.ModelException;
import org.classsr.model.ModelSpec;
import org.classsr.model.ModelWriter;
import org.classsr.model.NetworkEntry;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;
import org.classsr.model.Sha256;
import org.classsr.model.WeightsFile;

/**
 * Turns an official ClassSR PyTorch checkpoint into a model folder: a single network becomes an
 * "-O" folder (one branch {@code original}, class {@code all}); a whole 3-class ClassSR checkpoint
 * ({@code classifier.*}, {@code net1.*}, {@code net2.*}, {@code net3.*}) becomes a classifier and
 * branches simple / medium / hard. Widths and depths are read from the weights; every parameter
 * is checked by name and shape, and nothing is written unless all fit.
 */
public final class CheckpointImporter {

    /** What the packaged models use: x4, LR tiles 32 with step 28. */
    public static final int SCALE = 4;
    public static final int TILE = 32;
    public static final int TILE_STEP = 28;

    static final List<String> CLASSES = List.of("simple", "medium", "hard");
    private static final List<String> CLASSSR_PARTS = List.of("classifier.", "net1.", "net2.", "net3.");

    /** The architectures {@code --arch} accepts. */
    public enum Arch {
        FSRCNN(new FsrcnnMapping()),
        CARN(new CarnMapping()),
        SRRESNET(new SrResNetMapping()),
        RCAN(new RcanMapping()),
        CLASSSR_FSRCNN(FSRCNN),
        CLASSSR_CARN(CARN),
        CLASSSR_SRRESNET(SRRESNET),
        CLASSSR_RCAN(RCAN);

        private final NetworkMapping mapping;
        private final Arch branch;

        Arch(NetworkMapping mapping) {
            this.mapping = mapping;
            this.branch = null;
        }

        Arch(Arch branch) {
            this.mapping = null;
            this.branch = branch;
        }

        /** The name on the command line: the constant's name in lower case, with hyphens (classsr-carn). */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** True for a whole ClassSR checkpoint. */
        public boolean classSr() {
            return branch != null;
        }

        /** The architecture of {@code name}; a clear error lists the known ones. */
        public static Arch parse(String name) {
            for (Arch a : values()) {
                if (a.cliName().equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown --arch '" + name + "'; one of "
                    + Arrays.stream(values()).map(Arch::cliName).collect(Collectors.joining(", ")));
        }
    }

    /** The folder written and what it holds. */
    public record Imported(Path folder, ModelSpec spec, String wrapperKey) {}

    private CheckpointImporter() {}

    /**
     * Imports {@code checkpoint} as {@code arch} into the model folder {@code output}.
     *
     * @throws CheckpointException when the file is not a usable checkpoint of that architecture
     *     (nothing is written then)
     */
    public static Imported run(Path checkpoint, Arch arch, Path output) throws IOException {
        TorchCheckpoint cp = TorchCheckpoint.read(checkpoint);
        String sha256 = Sha256.of(checkpoint);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("source", String.valueOf(checkpoint.getFileName()));
        source.put("sha256", sha256);
        source.put("arch", arch.cliName());
        if (!cp.wrapperKey().isEmpty()) {
            source.put("state-dict", cp.wrapperKey());
        }
        Map<String, Object> provenance = Map.of("import", source);
        String name = String.valueOf(output.toAbsolutePath().normalize().getFileName());
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Block> blocks = new LinkedHashMap<>();
            ModelSpec spec = arch.classSr()
                    ? classSr(cp.stateDict(), arch, name, provenance, blocks, manager)
                    : single(cp.stateDict(), arch, name, provenance, blocks, manager);
            return new Imported(output, ModelWriter.write(output, spec, blocks), cp.wrapperKey());
        }
    }

    private static ModelSpec single(Map<String, TensorData> all, Arch arch, String name, Map<String, Object> provenance,
            Map<String, Block> blocks, NDManager manager) {
        if (CLASSSR_PARTS.stream().allMatch(p -> all.keySet().stream().anyMatch(k -> k.startsWith(p)))) {
            throw new CheckpointException("a whole ClassSR checkpoint (classifier.*, net1.*, net2.*, net3.*), not a"
                    + " single network: use --arch classsr-" + arch.cliName());
        }
        NetworkEntry entry = network("original", arch.mapping, new StateDict("", all), blocks, manager);
        return new ModelSpec(name, SCALE, TILE, TILE_STEP, List.of("all"), null, List.of(entry), null, List.of(),
                provenance);
    }

    private static ModelSpec classSr(Map<String, TensorData> all, Arch arch, String name,
            Map<String, Object> provenance, Map<String, Block> blocks, NDManager manager) {
        for (String key : all.keySet()) {
            if (CLASSSR_PARTS.stream().noneMatch(key::startsWith)) {
                throw new CheckpointException("unexpected key " + key + " in a ClassSR checkpoint (expected only "
                        + CLASSSR_PARTS.stream().map(p -> p + "*").collect(Collectors.joining(", "))
                        + (CLASSSR_PARTS.stream().anyMatch(p -> all.keySet().stream().anyMatch(k -> k.startsWith(p)))
                                ? ")" : "); a single network? use --arch " + arch.branch.cliName()));
            }
        }
        NetworkEntry classifier = network("classifier", new ClassifierMapping(), part(all, "classifier."), blocks,
                manager);
        int classes = classifier.spec().option("classes", -1);
        if (classes != CLASSES.size()) {
            throw new CheckpointException("the classifier has " + classes + " outputs (classifier.lastOut.weight);"
                    + " a 3-class ClassSR checkpoint has 3");
        }
        List<NetworkEntry> branches = new ArrayList<>();
        for (int i = 0; i < CLASSES.size(); i++) {
            branches.add(network(CLASSES.get(i), arch.branch.mapping, part(all, "net" + (i + 1) + "."), blocks,
                    manager));
        }
        return new ModelSpec(name, SCALE, TILE, TILE_STEP, CLASSES, classifier, branches, null, List.of(), provenance);
    }

    private static StateDict part(Map<String, TensorData> all, String prefix) {
        StateDict sd = StateDict.under(all, prefix);
        if (sd.isEmpty()) {
            throw new CheckpointException("no " + prefix + "* keys: not a whole 3-class ClassSR checkpoint");
        }
        return sd;
    }

    /** Builds, fills and checks one network; adds its block to {@code blocks}. */
    private static NetworkEntry network(String name, NetworkMapping mapping, StateDict sd, Map<String, Block> blocks,
            NDManager manager) {
        NetworkSpec spec = mapping.infer(sd);
        String described = describe(spec);
        Block block;
        try {
            block = NetworkRegistry.factory(spec.arch()).build(spec, SCALE);
        } catch (ModelException | IllegalArgumentException e) {
            throw new CheckpointException(described + ": " + e.getMessage(), e);
        }
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, TILE, TILE));
        ParameterTarget target = new ParameterTarget(block, described);
        mapping.convert(sd, block, target);
        List<String> extra = sd.unused();
        if (!extra.isEmpty()) {
            throw new CheckpointException("unexpected key " + extra.get(0) + ", not part of " + described
                    + (extra.size() > 1 ? " (" + extra.size() + " such keys)" : ""));
        }
        target.fill();
        blocks.put(name, block);
        return new NetworkEntry(name, spec, new WeightsFile(name + ".safetensors", ""));
    }

    /** E.g. "srresnet (blocks 2, channels 8)". */
    static String describe(NetworkSpec spec) {
        return spec.arch() + " " + new TreeMap<>(spec.options()).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
