package org.classsr.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --budget R}: the commands that route tiles take a compute budget (a picocli mixin). */
public final class BudgetOption {

    @Option(names = "--budget", paramLabel = "R",
            description = "Route the run's own tiles to cost at most R of the \"-O\" network (e.g. 0.5); sets "
                    + "classsr.engine.budget.ratio (flops = paper | executed, scope = job | image: -D...budget.flops=...).")
    Double ratio;

    /** Adds the option to the settings' overrides. */
    void applyTo(SettingsOptions options) {
        if (ratio != null) {
            if (!(ratio > 0)) {
                throw new IllegalArgumentException("--budget must be > 0 (a fraction of the \"-O\" network's FLOPs), got "
                        + ratio);
            }
            options.overrides.put("classsr.engine.budget.ratio", String.format(Locale.ROOT, "%s", ratio));
        }
    }
}
