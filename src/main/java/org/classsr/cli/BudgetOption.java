package org.classsr.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.classsr.engine.BudgetPlan;
import org.classsr.engine.BudgetRunner;
import org.classsr.image.FloatImage;
import picocli.CommandLine.Option;

/** {@code --budget R}: the commands that route tiles take a compute budget (a picocli mixin). */
public final class BudgetOption {

    @Option(names = "--budget", paramLabel = "R",
            description = "Route the run's own tiles to cost at most R of the \"-O\" network (e.g. 0.5); sets "
                    + "classsr.engine.budget.ratio (flops = paper | executed, scope = job | image: -D...budget.flops=...).")
    Double ratio;

    /**
     * Job-scope budget, pass 1: the Class-Module over every image's LR input ({@code lr} of it), then one routing for
     * all. An image that fails here is put in {@code failures}; returns the id each scored image is routed by.
     */
    static Map<String, Integer> scoreAll(BudgetRunner budget, List<InputImages.Input> files,
            Function<InputImages.Input, FloatImage> lr, Map<String, String> failures) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (InputImages.Input file : files) {
            try {
                ids.put(file.name(), budget.score(file.path().getFileName().toString(), lr.apply(file)));
            } catch (RuntimeException e) {
                failures.put(file.name(), Reports.reason(e));
            }
        }
        budget.planJob();
        return ids;
    }

    /** What a run's budget came to: its line on {@code out}, and one line on {@code err} per clamped class. */
    static void printPlan(BudgetPlan plan, List<String> classNames, PrintWriter out, PrintWriter err) {
        out.println(plan.line(classNames));
        plan.clamped().forEach(m -> err.println("budget clamped: " + m));
    }

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
