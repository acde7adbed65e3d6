package org.classsr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options every command shares (a picocli mixin). */
public final class SettingsOptions {

    @Option(names = "--conf", paramLabel = "FILE", description = "Configuration file layered over the defaults (repeatable; see conf/).")
    List<Path> confFiles = new ArrayList<>();

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Override one setting, e.g. -Dclasssr.engine.batch-size=32.")
    Map<String, String> overrides = new LinkedHashMap<>();

    Settings load() {
        return Settings.load(confFiles, overrides);
    }
}
