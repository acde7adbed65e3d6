package org.classsr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code classsr demo}: the bundled sample photos upscaled by the Spark job (embedded local mode)
 * with class maps, then measured against the "-O" network and bicubic, into one folder. No
 * cluster, no credentials.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Upscale the bundled sample photos with the Spark job (local mode, class maps) and evaluate on them, into out/demo.")
public final class DemoCommand implements Callable<Integer> {

    /** The samples shipped in the jar, listed because a jar cannot be listed portably. */
    static final List<String> SAMPLES = List.of("astronaut.png", "coffee.png", "chelsea.png");

    @Mixin
    CommandOptions options;

    @Option(names = "--output", paramLabel = "DIR", description = "Output folder (default: out/demo).")
    Path output = Path.of("out", "demo");

    @Override
    public Integer call() throws IOException {
        Path samples = extractSamples(output.resolve("samples"));
        List<String> common = options.settingsOptions.arguments();

        List<String> upscale = new ArrayList<>(List.of("upscale", "--class-map", "--overwrite", "--output",
                output.resolve("hr").toString()));
        upscale.addAll(common);
        upscale.add(samples.toString());
        int upscaled = run(upscale);
        if (upscaled >= 2) { // usage or model error: nothing to evaluate
            return upscaled;
        }
        List<String> eval = new ArrayList<>(List.of("eval", "--hr", samples.toString(), "--json",
                output.resolve("report.json").toString()));
        eval.addAll(common);
        int evaluated = run(eval);
        options.out().printf("demo outputs in %s: hr/ (x4 images and class maps), report.json%n", output);
        return Math.max(upscaled, evaluated);
    }

    private int run(List<String> args) {
        CommandLine cl = ClassSrCommand.commandLine();
        cl.setOut(options.out());
        cl.setErr(options.err());
        return cl.execute(args.toArray(String[]::new));
    }

    /** Copies the bundled samples out of the classpath, so the demo also runs from the jar alone. */
    static Path extractSamples(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String name : SAMPLES) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("/samples/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("bundled sample " + name + " is missing from the classpath");
                }
                Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }
}
