package org.classsr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.classsr.checkpoint.CheckpointException;
import org.classsr.checkpoint.CheckpointImporter;
import org.classsr.model.ModelSpec;
import org.classsr.model.NetworkEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code classsr import}: an official ClassSR PyTorch checkpoint as a model folder, without Python. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an official ClassSR PyTorch checkpoint (torch.save, PyTorch >= 1.6) as a model folder. "
                + "A single network (fsrcnn, carn, srresnet, rcan) becomes an \"-O\" folder; a whole 3-class "
                + "ClassSR checkpoint (classsr-fsrcnn, classsr-carn, classsr-srresnet, classsr-rcan) a classifier "
                + "and branches simple / medium / hard. Widths are read from the weights."})
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", required = true,
            description = "fsrcnn, carn, srresnet, rcan, classsr-fsrcnn, classsr-carn, classsr-srresnet or classsr-rcan.")
    String arch;

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "The model folder to write.")
    Path output;

    @Option(names = "--force", description = "Replace a model already in the output folder.")
    boolean force;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "The .pth file.")
    Path checkpoint;

    @Override
    public Integer call() throws IOException {
        CheckpointImporter.Arch a = CheckpointImporter.Arch.parse(arch);
        if (!force && Files.isDirectory(output) && !isEmpty(output)) {
            throw new IllegalArgumentException(output + " is not empty; choose a new folder or use --force");
        }
        CheckpointImporter.Imported imported;
        try {
            imported = CheckpointImporter.run(checkpoint, a, output);
        } catch (CheckpointException e) {
            spec.commandLine().getErr().println("error: " + checkpoint + ": " + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        ModelSpec m = imported.spec();
        out.printf("imported %s as %s%s%n", checkpoint, a.cliName(),
                imported.wrapperKey().isEmpty() ? "" : " (state dict under '" + imported.wrapperKey() + "')");
        for (NetworkEntry e : m.networks()) {
            out.printf("  %-10s %s %s%n", e.name(), e.spec().arch(), new java.util.TreeMap<>(e.spec().options()));
        }
        out.printf("model folder %s%n", imported.folder());
        out.flush();
        return 0;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
