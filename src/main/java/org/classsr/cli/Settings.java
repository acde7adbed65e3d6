package org.classsr.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.classsr.image.ImageFiles;
import org.classsr.spark.GpuSettings;
import org.classsr.spark.SparkJobSettings;
import org.classsr.engine.BudgetSettings;
import org.classsr.engine.EngineSettings;
import org.classsr.dataset.DatasetSettings;
import org.classsr.train.PixelLoss;
import org.classsr.train.PixelWeighting;
import org.classsr.geo.GeoSettings;
import org.classsr.train.TrainSettings;

/**
 * The one typed, validated settings tree, built at start-up from reference.conf, then the
 * {@code --conf} files in order, then {@code -D} options, then JVM system properties (each layer
 * overriding the one before). No other class reads configuration keys.
 */
public record Settings(Path model, EngineSettings engine, long maxPixels, String outputFormat, boolean classMap,
        DatasetSettings dataset, TrainSettings train, BudgetSettings budget) {

    private static final Set<String> FORMATS = java.util.stream.Stream.concat(java.util.stream.Stream.of("same"),
            ImageFiles.EXTENSIONS.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    public static Settings load(List<Path> confFiles, Map<String, String> overrides) {
        Config config = layered(confFiles, overrides);
        try {
            return from(config.getConfig("classsr"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
        }
    }

    /** reference.conf, the --conf files, -D options and system properties, resolved and checked. */
    static Config layered(List<Path> confFiles, Map<String, String> overrides) {
        Config reference = ConfigFactory.defaultReference();
        Config layered = ConfigFactory.empty();
        for (Path file : confFiles) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("configuration file " + file + " not found");
            }
            layered = ConfigFactory.parseFile(file.toFile()).withFallback(layered);
        }
        Config config = ConfigFactory.systemProperties()
                .withFallback(overrides(overrides))
                .withFallback(layered)
                .withFallback(reference)
                .resolve();
        try {
            // branches.steps may be a number or a list: its type is checked where it is read; so is
            // input.value-range ("type", "auto" or [low, high])
            config.checkValid(reference.withoutPath("classsr.train.branches.steps")
                    .withoutPath("classsr.input.value-range"), "classsr");
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
        }
        return config;
    }

    /**
     * The -D options as a config layer. A value written as a HOCON list ({@code [0.5, 0, -0.5]}) is
     * parsed as a list, so that list settings such as {@code classsr.engine.class-bias} can be set
     * on the command line; every other value is taken literally, as a string.
     */
    static Config overrides(Map<String, String> overrides) {
        Map<String, String> plain = new java.util.LinkedHashMap<>();
        Config lists = ConfigFactory.empty();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (value.startsWith("[") && value.endsWith("]")) {
                try {
                    lists = ConfigFactory.parseString("v = " + value).getValue("v")
                            .atPath(e.getKey()).withFallback(lists);
                    continue;
                } catch (ConfigException ex) {
                    throw new IllegalArgumentException("bad configuration: -D" + e.getKey() + "=" + e.getValue()
                            + " is not a valid list: " + ex.getMessage(), ex);
                }
            }
            plain.put(e.getKey(), e.getValue());
        }
        return lists.withFallback(ConfigFactory.parseMap(plain, "command-line -D options"));
    }

    /** The distributed job's settings (classsr.spark and classsr.gpu), from the same layers. */
    public static SparkJobSettings sparkJob(List<Path> confFiles, Map<String, String> overrides) {
        Config c = layered(confFiles, overrides).getConfig("classsr");
        try {
            Map<String, String> conf = new TreeMap<>(flat(c.getConfig("spark.conf"), ""));
            conf.putAll(flat(c.getConfig("spark.hadoop"), "spark.hadoop."));
            GpuSettings gpu = new GpuSettings(c.getBoolean("gpu.enabled"), c.getInt("gpu.executor-gpus"),
                    c.getDouble("gpu.task-gpus"), c.getString("gpu.discovery-script"), c.getString("gpu.vendor"));
            return new SparkJobSettings(c.getString("spark.master"), c.getString("spark.app-name"), conf,
                    c.getInt("spark.tiles-per-partition"), c.getInt("spark.image-partitions"),
                    c.getInt("spark.png-compression"), c.getLong("spark.max-in-memory-output-pixels"),
                    c.getInt("spark.progress-seconds"), c.getBoolean("spark.ship-model"), gpu);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
        }
    }

    /** How multi-band rasters are split, scaled and written (classsr.input.rgb-bands, value-range; output.geotiff-layout). */
    public static GeoSettings geo(List<Path> confFiles, Map<String, String> overrides) {
        Config c = layered(confFiles, overrides).getConfig("classsr");
        try {
            String layout = c.getString("output.geotiff-layout");
            if (!List.of("strips", "tiled-deflate").contains(layout)) {
                throw new IllegalArgumentException("classsr.output.geotiff-layout must be strips or tiled-deflate, got "
                        + layout);
            }
            return GeoSettings.of(c.getIntList("input.rgb-bands"), c.getValue("input.value-range").unwrapped())
                    .withTiledOutput(layout.equals("tiled-deflate"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
        }
    }

    /** A config subtree as flat "a.b.c" -> value strings (quoted dotted keys and nested keys alike). */
    private static Map<String, String> flat(Config c, String prefix) {
        Map<String, String> out = new TreeMap<>();
        c.entrySet().forEach(e -> out.put(prefix + String.join(".", ConfigUtil.splitPath(e.getKey())),
                String.valueOf(e.getValue().unwrapped())));
        return out;
    }

    static Settings from(Config c) {
        EngineSettings engine = new EngineSettings(
                c.getInt("engine.batch-size"),
                c.getInt("engine.classifier-batch-size"),
                c.getInt("engine.chunk-tiles"),
                c.getDoubleList("engine.class-bias").stream().mapToDouble(Double::doubleValue).toArray());
        long maxPixels = c.getLong("input.max-pixels");
        if (maxPixels < 1) {
            throw new IllegalArgumentException("classsr.input.max-pixels must be >= 1, got " + maxPixels);
        }
        String format = c.getString("output.format").toLowerCase();
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("classsr.output.format must be one of " + FORMATS + ", got " + format);
        }
        return new Settings(Path.of(c.getString("model")), engine, maxPixels, format, c.getBoolean("output.class-map"),
                dataset(c.getConfig("dataset")), train(c.getConfig("train")), budget(c.getConfig("engine.budget")));
    }

    static BudgetSettings budget(Config b) {
        return new BudgetSettings(b.getDouble("ratio"), BudgetSettings.flops(b.getString("flops")),
                BudgetSettings.scope(b.getString("scope")));
    }

    static DatasetSettings dataset(Config d) {
        return new DatasetSettings(d.getInt("patch-size"), d.getInt("step"), d.getInt("scale"),
                d.getInt("max-per-image"), d.getLong("seed"), d.getInt("shard-samples"));
    }

    static TrainSettings train(Config t) {
        Config o = t.getConfig("original");
        Config dv = t.getConfig("divide");
        Config b = t.getConfig("branches");
        Config c = t.getConfig("classifier");
        Config f = t.getConfig("finetune");
        Config p = t.getConfig("package");
        return new TrainSettings(t.getLong("seed"), t.getInt("checkpoint-every"), t.getInt("keep-checkpoints"),
                new TrainSettings.Sr(o.getInt("channels"), o.getLong("steps"), o.getInt("batch"), o.getDouble("lr"),
                        o.getDouble("min-lr-ratio"), PixelLoss.parse(o.getString("loss")),
                        PixelWeighting.parse(o.getString("weighting")), o.getDouble("average-decay"),
                        o.getLong("average-start")),
                new TrainSettings.Divide(dv.getInt("border"), dv.getInt("batch")),
                new TrainSettings.Branches(b.getIntList("channels"), perBranch(b, "steps"), b.getInt("batch"),
                        b.getDouble("lr"), b.getDouble("min-lr-ratio"), b.getBoolean("hard-from-original"),
                        b.getBoolean("slice-from-original"), b.getDouble("average-decay"),
                        b.getLong("average-start")),
                new TrainSettings.Classifier(c.getLong("steps"), c.getInt("batch"), c.getDouble("lr"),
                        c.getDouble("min-lr-ratio"), c.getLong("warmup-steps"), c.getDouble("l1-weight"),
                        c.getDouble("class-weight"), c.getDouble("average-weight"), c.getDouble("ce-weight"), c.getBoolean("zero-head"),
                        c.getInt("watch-every"), c.getInt("watch-samples"), c.getInt("width"), c.getInt("features"),
                        c.getString("init-from").isEmpty() ? null : Path.of(c.getString("init-from"))),
                new TrainSettings.Finetune(f.getLong("steps"), f.getInt("batch"), f.getDouble("lr"),
                        f.getDouble("min-lr-ratio"), f.getDouble("target-paper-flops"), f.getDoubleList("class-bias"),
                        PixelLoss.parse(f.getString("loss")), PixelWeighting.parse(f.getString("weighting")),
                        f.getDouble("average-decay")),
                new TrainSettings.Packaging(p.getString("models"), p.getInt("val-samples")),
                TrainSettings.Init.parse(t.getString("init")), t.getString("arch"));
    }

    /** A number for all three branches, or a list [simple, medium, hard]. */
    private static List<Long> perBranch(Config b, String key) {
        if (!b.hasPath(key)) {
            throw new IllegalArgumentException("bad configuration: classsr.train.branches." + key + " is missing");
        }
        if (b.getValue(key).valueType() == ConfigValueType.LIST) {
            return b.getLongList(key);
        }
        try {
            long n = b.getLong(key);
            return List.of(n, n, n);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad configuration: classsr.train.branches." + key
                    + " must be a number or a list of three: " + e.getMessage(), e);
        }
    }
}
