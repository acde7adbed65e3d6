package org.classsr.cli;

import picocli.CommandLine.Mixin;

/**
 * What the commands that upscale or measure routed images share (a picocli mixin): the configuration options,
 * {@code --budget}, and the command's output streams.
 */
public final class RunOptions extends CommandOptions {

    @Mixin
    BudgetOption budgetOption;

    /** The settings, with {@code --budget} applied. */
    @Override
    Settings load() {
        budgetOption.applyTo(settingsOptions);
        return super.load();
    }
}
