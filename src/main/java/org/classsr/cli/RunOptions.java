package org.classsr.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the commands that upscale or measure routed images share (a picocli mixin): the
 * configuration options, {@code --budget}, and the command's output streams.
 */
public final class RunOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    SettingsOptions settingsOptions;

    @Mixin
    BudgetOption budgetOption;

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** The settings, with {@code --budget} applied. */
    Settings load() {
        budgetOption.applyTo(settingsOptions);
        return settingsOptions.load();
    }
}
