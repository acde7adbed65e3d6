package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.classsr.engine.ClassMapRenderer;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.ImageUpscaler;
import org.classsr.engine.ModelCache;
import org.classsr.image.DecodedImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageInfo;
import org.classsr.model.ClassSrModel;
import org.classsr.tile.TileGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code classsr upscale-jvm}: x4 images from files or folders into an output folder, in this JVM, no Spark. */
@Command(name = "upscale-jvm", mixinStandardHelpOptions = true,
        description = "Upscale local images in this JVM without Spark (keeps alpha channels).")
public final class UpscaleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions settingsOptions;

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "Folder for the upscaled images.")
    Path output;

    @Option(names = "--class-map", description = "Also write NAME_classmap.png: the input tinted by tile class.")
    boolean classMap;

    @Option(names = "--format", paramLabel = "EXT", description = "Output format: png, jpg, tif, bmp, webp (default: as input).")
    String format;

    @Option(names = "--original", description = "Run the model's \"-O\" network on every tile instead of ClassSR.")
    boolean original;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders of images.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = settingsOptions.load();
        ClassSrModel loaded = ModelCache.get(settings.model());
        if (original) {
            if (loaded.originalFolder() == null) {
                throw new IllegalArgumentException("model " + loaded.folder() + " names no original network");
            }
            loaded = ModelCache.get(loaded.originalFolder());
        }
        loaded.verify(); // a broken weight file fails the command once, not every image
        ClassSrEngine engine = new ClassSrEngine(loaded, settings.engine());
        ImageUpscaler upscaler = new ImageUpscaler(engine);
        String outFormat = format != null ? format.toLowerCase() : settings.outputFormat();
        boolean maps = classMap || settings.classMap();

        List<Path> files = InputFiles.expand(inputs);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no image files in " + inputs);
        }
        InputFiles.requireDistinctStems(files);
        Files.createDirectories(output);
        Map<Path, String> failures = new LinkedHashMap<>();
        List<Path> accepted = new ArrayList<>();
        long totalTiles = 0;
        for (Path file : files) {
            try {
                ImageInfo info = ImageCodec.probe(file);
                PixelLimit.check(file, info.width(), info.height(), settings.maxPixels());
                accepted.add(file);
                TileGrid grid = TileGrid.cover(info.width(), info.height(), loaded.spec().tileSize(),
                        loaded.spec().tileStep());
                totalTiles += grid.count();
            } catch (RuntimeException e) {
                failures.put(file, e.getMessage());
            }
        }

        int done = 0;
        try (Progress progress = Progress.start("tiles", totalTiles, err)) {
            for (Path file : accepted) {
                try {
                    DecodedImage input = ImageCodec.read(file);
                    PixelLimit.check(file, input.color().width(), input.color().height(), settings.maxPixels());
                    ImageUpscaler.Result result = upscaler.upscale(input, progress::step);
                    String ext = "same".equals(outFormat) ? InputFiles.extension(file) : outFormat;
                    Path target = output.resolve(InputFiles.stem(file) + "." + ext);
                    ImageCodec.write(target, result.image());
                    if (maps) {
                        TileGrid grid = TileGrid.cover(input.color().width(), input.color().height(),
                                loaded.spec().tileSize(), loaded.spec().tileStep());
                        DecodedImage map = new DecodedImage(ClassMapRenderer.render(input.color(), grid,
                                result.stats().tileClasses()), null, 8, "png");
                        ImageCodec.write(output.resolve(InputFiles.stem(file) + "_classmap.png"), map);
                    }
                    done++;
                    progress.println(String.format("%s -> %s  %s  %.2f s", file, target,
                            Reports.classCounts(loaded.spec().classNames(), result.stats().tilesPerClass()),
                            result.stats().seconds()));
                } catch (RuntimeException e) {
                    // OutOfMemoryError is not caught: after it the JVM's state is unknown.
                    failures.put(file, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        }
        out.printf("%d of %d images upscaled into %s%n", done, files.size(), output);
        failures.forEach((file, reason) -> err.printf("FAILED %s: %s%n", file, reason));
        return failures.isEmpty() ? 0 : 1;
    }
}
