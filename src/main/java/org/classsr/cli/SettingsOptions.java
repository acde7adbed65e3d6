package org.classsr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.spark.SparkJobSettings;
import picocli.CommandLine.Option;

/** The configuration options every command shares (a picocli mixin): files, single values, the model. */
public final class SettingsOptions {

    @Option(names = "--conf", paramLabel = "FILE", description = "Configuration file layered over the defaults (repeatable; see conf/).")
    List<Path> confFiles = new ArrayList<>();

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Override one setting, e.g. -Dclasssr.engine.batch-size=32.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (overrides classsr.model).")
    Path model;

    /** These options as command-line arguments, for a command that this one runs. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        confFiles.forEach(f -> args.addAll(List.of("--conf", f.toString())));
        overrides.forEach((k, v) -> args.add("-D" + k + "=" + v));
        if (model != null) {
            args.addAll(List.of("--model", model.toString()));
        }
        return args;
    }

    /** The multi-band raster settings from the same layers (the model option plays no part). */
    org.classsr.geo.GeoSettings geo() {
        return Settings.geo(confFiles, overrides);
    }

    /** The Spark job's settings from the same layers, on {@code master} when given (else classsr.spark.master). */
    SparkJobSettings sparkJob(String master) {
        SparkJobSettings job = Settings.sparkJob(confFiles, overrides);
        return master == null ? job : job.withMaster(master);
    }

    Settings load() {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (model != null) {
            all.put("classsr.model", model.toString());
        }
        return Settings.load(confFiles, all);
    }
}
