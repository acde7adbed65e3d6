package org.classsr.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the commands that read the configuration share (a picocli mixin): the configuration options and the
 * command's output streams.
 */
public class CommandOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    SettingsOptions settingsOptions;

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    Settings load() {
        return settingsOptions.load();
    }
}
