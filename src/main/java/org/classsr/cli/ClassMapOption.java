package org.classsr.cli;

import picocli.CommandLine.Option;

/** {@code --class-map}: the commands that write upscaled images can also write their class maps (a picocli mixin). */
public final class ClassMapOption {

    @Option(names = "--class-map", description = "Also write NAME_classmap.png: the input tinted by tile class.")
    boolean classMap;

    /** Whether to write class maps: the option, or classsr.output.class-map when it is not given. */
    boolean wanted(Settings settings) {
        return classMap || settings.classMap();
    }
}
