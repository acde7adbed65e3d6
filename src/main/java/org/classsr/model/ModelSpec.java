package org.classsr.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model folder's {@code model.conf} says: the networks, how images are tiled for them,
 * the class names, and where the model came from.
 *
 * <p>A ClassSR model has a classifier and one branch per class (branch i serves class i). A
 * single-network model (the "-O" baseline) has no classifier and one branch that takes every
 * tile.
 *
 * <p>{@code classBias} is the model's calibrated operating point: added to the classifier's
 * logits (one value per class) before argmax, under any run-time bias from the settings. Empty
 * means none.
 */
public record ModelSpec(
        String name,
        int scale,
        int tileSize,
        int tileStep,
        List<String> classNames,
        NetworkEntry classifier,
        List<NetworkEntry> branches,
        String original,
        List<Double> thresholdsDb,
        Map<String, Object> provenance,
        List<Double> classBias) {

    public static final String FILE_NAME = "model.conf";

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        classNames = List.copyOf(classNames);
        branches = List.copyOf(branches);
        thresholdsDb = thresholdsDb == null ? List.of() : List.copyOf(thresholdsDb);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        classBias = classBias == null ? List.of() : List.copyOf(classBias);
        if (classBias.size() > classNames.size()) {
            throw new ModelException("model '" + name + "': class-bias has " + classBias.size() + " values for "
                    + classNames.size() + " classes");
        }
        if (scale < 1 || tileSize < 1 || tileStep < 1 || tileStep > tileSize) {
            throw new ModelException("model '" + name + "': needs scale >= 1 and 0 < tile.step <= tile.size, got scale "
                    + scale + ", tile " + tileSize + " step " + tileStep);
        }
        if (branches.isEmpty()) {
            throw new ModelException("model '" + name + "': no branches");
        }
        if (branches.size() != classNames.size()) {
            throw new ModelException("model '" + name + "': " + classNames.size() + " classes but "
                    + branches.size() + " branches (one branch per class)");
        }
        if (classifier == null && branches.size() != 1) {
            throw new ModelException("model '" + name + "': several branches need a classifier");
        }
    }

    /** A spec without a calibrated class bias. */
    public ModelSpec(String name, int scale, int tileSize, int tileStep, List<String> classNames,
            NetworkEntry classifier, List<NetworkEntry> branches, String original, List<Double> thresholdsDb,
            Map<String, Object> provenance) {
        this(name, scale, tileSize, tileStep, classNames, classifier, branches, original, thresholdsDb, provenance,
                List.of());
    }

    /** The calibrated bias of one class (0 when not given). */
    public double bias(int cls) {
        return cls < classBias.size() ? classBias.get(cls) : 0.0;
    }

    /** True when tiles are routed by a classifier; false for a single network. */
    public boolean routed() {
        return classifier != null;
    }

    /** Every network of the model, the classifier first. */
    public List<NetworkEntry> networks() {
        return classifierFirst(classifier, branches);
    }

    /** {@code classifier} (when there is one) and then {@code branches}: a model's networks in file order. */
    static <T> List<T> classifierFirst(T classifier, List<T> branches) {
        List<T> all = new ArrayList<>();
        if (classifier != null) {
            all.add(classifier);
        }
        all.addAll(branches);
        return all;
    }

    /** Reads {@code folder/model.conf}; fails with a message naming the file and the problem. */
    public static ModelSpec read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelException(file + ": not found (is " + folder + " a model folder?)");
        }
        try {
            Config c = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)).resolve();
            return fromConfig(c);
        } catch (ConfigException e) {
            throw new ModelException(file + ": " + e.getMessage(), e);
        }
    }

    static ModelSpec fromConfig(Config c) {
        NetworkEntry classifier = c.hasPath("classifier") ? entry("classifier", c.getConfig("classifier")) : null;
        List<NetworkEntry> branches = new ArrayList<>();
        for (Config b : c.getConfigList("branches")) {
            branches.add(entry(b.getString("name"), b));
        }
        return new ModelSpec(
                c.getString("name"),
                c.getInt("scale"),
                c.getInt("tile.size"),
                c.getInt("tile.step"),
                c.getStringList("classes"),
                classifier,
                branches,
                c.hasPath("original") ? c.getString("original") : null,
                c.hasPath("thresholds-db") ? c.getDoubleList("thresholds-db") : List.of(),
                c.hasPath("provenance") ? c.getConfig("provenance").root().unwrapped() : Map.of(),
                c.hasPath("class-bias") ? c.getDoubleList("class-bias") : List.of());
    }

    private static NetworkEntry entry(String name, Config c) {
        Map<String, Integer> options = new LinkedHashMap<>();
        if (c.hasPath("options")) {
            Config o = c.getConfig("options");
            for (String key : o.root().keySet()) {
                options.put(key, o.getInt(key));
            }
        }
        String sha = c.hasPath("sha256") ? c.getString("sha256") : "";
        return new NetworkEntry(name, new NetworkSpec(c.getString("arch"), options),
                new WeightsFile(c.getString("weights"), sha));
    }

    /** The same spec with every network's checksum replaced (used when weights are written). */
    public ModelSpec withChecksums(Map<String, String> sha256ByNetwork) {
        NetworkEntry cls = classifier == null ? null : withSha(classifier, sha256ByNetwork);
        List<NetworkEntry> br = branches.stream().map(b -> withSha(b, sha256ByNetwork)).toList();
        return new ModelSpec(name, scale, tileSize, tileStep, classNames, cls, br, original, thresholdsDb, provenance,
                classBias);
    }

    /** The same spec with other provenance (training facts, metrics). */
    public ModelSpec withProvenance(Map<String, Object> newProvenance) {
        return new ModelSpec(name, scale, tileSize, tileStep, classNames, classifier, branches, original,
                thresholdsDb, newProvenance, classBias);
    }

    /** The same spec with another calibrated class bias. */
    public ModelSpec withClassBias(List<Double> bias) {
        return new ModelSpec(name, scale, tileSize, tileStep, classNames, classifier, branches, original,
                thresholdsDb, provenance, bias);
    }

    private static NetworkEntry withSha(NetworkEntry e, Map<String, String> sha) {
        String s = sha.getOrDefault(e.name(), e.weights().sha256());
        return new NetworkEntry(e.name(), e.spec(), new WeightsFile(e.weights().file(), s));
    }

    /** This spec as model.conf text (HOCON). */
    public String render() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", name);
        root.put("scale", scale);
        root.put("tile", Map.of("size", tileSize, "step", tileStep));
        root.put("classes", classNames);
        if (classifier != null) {
            root.put("classifier", entryMap(classifier, false));
        }
        root.put("branches", branches.stream().map(b -> entryMap(b, true)).toList());
        if (original != null) {
            root.put("original", original);
        }
        if (!thresholdsDb.isEmpty()) {
            root.put("thresholds-db", thresholdsDb);
        }
        if (!classBias.isEmpty()) {
            root.put("class-bias", classBias);
        }
        if (!provenance.isEmpty()) {
            root.put("provenance", provenance);
        }
        String body = ConfigValueFactory.fromMap(root).render(
                ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false));
        return "# ClassSR model folder: networks, tiling, classes and provenance.\n"
                + "# Weight files are safetensors named by DJL parameter path; sha256 is checked on load.\n"
                + body;
    }

    private static Map<String, Object> entryMap(NetworkEntry e, boolean named) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (named) {
            m.put("name", e.name());
        }
        m.put("arch", e.spec().arch());
        m.put("options", e.spec().options());
        m.put("weights", e.weights().file());
        m.put("sha256", e.weights().sha256());
        return m;
    }

    /** Writes model.conf into the folder. */
    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(FILE_NAME), render());
    }
}
