package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.classsr.model.ModelSpec;
import org.classsr.model.NetworkEntry;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.UntrainedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code classsr init-model}: a model folder with random (untrained) weights, for timing. */
@Command(name = "init-model", mixinStandardHelpOptions = true,
        description = {"Write a model folder with random (untrained) weights at a family's published widths, for "
                + "timing only (e.g. bench --split): an \"-O\" model (fsrcnn d 56, carn nf 64, srresnet nf 64 x 16 "
                + "blocks, rcan 64 x 10 groups x 20 blocks) or a ClassSR model (classifier + branches: fsrcnn "
                + "16/36/56, carn 36/52/64, srresnet 36/52/64, rcan 36/50/64)."})
public final class InitModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", required = true,
            description = "fsrcnn, carn, srresnet, rcan (\"-O\" models) or classsr-fsrcnn, classsr-carn, "
                    + "classsr-srresnet, classsr-rcan.")
    String arch;

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "The model folder to write.")
    Path output;

    @Option(names = "--original", paramLabel = "../NAME",
            description = "For classsr-*: the \"-O\" folder, relative to DIR (model.conf's original; bench needs it).")
    String original;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--force", description = "Overwrite a folder that already holds a model.conf.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelSpec model = UntrainedModels.spec(arch, original, seed);
        // Never overwrite a (possibly trained) model by mistake.
        if (!force && Files.exists(output.resolve(ModelSpec.FILE_NAME))) {
            throw new IllegalArgumentException(output + " already holds a model (model.conf); use --force to overwrite it");
        }
        ModelSpec written = UntrainedModels.write(output, model, seed);
        List<String> parts = new ArrayList<>();
        for (NetworkEntry e : written.networks()) {
            double g = 2.0 * NetworkRegistry.factory(e.spec().arch()).paperMacs(e.spec(), written.tileSize(),
                    written.scale()) / 1e9;
            parts.add(String.format(java.util.Locale.ROOT, "%s %s %s (%.2f paper GFLOPs per tile)", e.name(),
                    e.spec().arch(), e.spec().options(), g));
        }
        out.println("wrote " + output + " (" + written.name() + ", " + UntrainedModels.UNTRAINED + ", seed " + seed + "):");
        parts.forEach(p -> out.println("  " + p));
        if (original != null && !Files.isDirectory(output.resolve(original))) {
            out.println("note: its original " + output.resolve(original).normalize() + " does not exist yet");
        }
        out.flush();
        return 0;
    }
}
