package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.classsr.engine.BudgetRunner;
import org.classsr.engine.ClassMapRenderer;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.ImageUpscaler;
import org.classsr.engine.ModelCache;
import org.classsr.engine.TileRouting;
import org.classsr.geo.GeoStats;
import org.classsr.geo.GeoTiffFiles;
import org.classsr.geo.GeoTiffReader;
import org.classsr.geo.GeoUpscaler;
import org.classsr.image.DecodedImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageFiles;
import org.classsr.image.ImageInfo;
import org.classsr.image.PixelLimit;
import org.classsr.model.ClassSrModel;
import org.classsr.tile.TileGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code classsr upscale-jvm}: x4 images from files or folders into an output folder, in this JVM, no Spark. */
@Command(name = "upscale-jvm", mixinStandardHelpOptions = true,
        description = "Upscale local images in this JVM without Spark (keeps alpha channels).")
public final class UpscaleJvmCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "Folder for the upscaled images.")
    Path output;

    @Mixin
    ClassMapOption classMapOption;

    @Option(names = "--format", paramLabel = "EXT", description = "Output format: png, jpg, tif, bmp, webp (default: as input).")
    String format;

    @Option(names = "--original", description = "Run the model's \"-O\" network on every tile instead of ClassSR.")
    boolean original;

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "Image files, folders of images, or .zip/.tar/.tar.gz archives of images (read in place).")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = run.out();
        PrintWriter err = run.err();
        Settings settings = run.load();
        ClassSrModel loaded = ModelCache.get(settings.model());
        if (original && settings.budget().enabled()) {
            throw new IllegalArgumentException("--budget routes ClassSR's tiles; --original runs the \"-O\" network on all of them");
        }
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
        boolean maps = classMapOption.wanted(settings);

        InputImages.Listing listing = InputImages.expand(inputs, settings.maxPixels()).requireAny(inputs);
        List<InputImages.Input> files = listing.inputs();
        ImageFiles.requireDistinctOutputs(files, InputImages.Input::relative, InputImages.Input::name);
        Files.createDirectories(output);
        Map<String, String> failures = new LinkedHashMap<>(listing.refused());
        List<InputImages.Input> accepted = new ArrayList<>();
        // GeoTIFFs and other multi-band rasters keep every band, their type and georeference.
        Set<String> rasters = new HashSet<>();
        GeoUpscaler geo = new GeoUpscaler(loaded, settings.engine(), run.settingsOptions.geo());
        long totalTiles = 0;
        for (InputImages.Input file : files) {
            try {
                if (file.file() != null && GeoTiffFiles.wants(file.file())) {
                    rasters.add(file.name());
                }
                ImageInfo info = rasters.contains(file.name())
                        ? GeoTiffReader.probe(Files.readAllBytes(file.file()), file.name()) : file.probe();
                PixelLimit.check(file.path(), info.width(), info.height(), settings.maxPixels());
                accepted.add(file);
                TileGrid grid = TileGrid.cover(info.width(), info.height(), loaded.spec().tileSize(),
                        loaded.spec().tileStep());
                totalTiles += grid.count();
            } catch (RuntimeException e) {
                failures.put(file.name(), e.getMessage());
            }
        }

        BudgetRunner budget = settings.budget().enabled()
                ? new BudgetRunner(loaded, ModelCache.verified(loaded.requireOriginal("a budget")), settings.engine(),
                        settings.budget())
                : null;
        Map<String, Integer> scored = budget != null && budget.perJob()
                ? BudgetOption.scoreAll(budget, accepted, file -> file.read().color(), failures) : Map.of();

        int done = 0;
        try (Progress progress = Progress.start("tiles", totalTiles, err)) {
            for (InputImages.Input file : accepted) {
                if (failures.containsKey(file.name())) {
                    continue;
                }
                try {
                    if (rasters.contains(file.name())) {
                        String ext = "same".equals(outFormat) ? "tif" : outFormat;
                        if (!List.of("tif", "tiff").contains(ext)) {
                            throw new IllegalArgumentException("a GeoTIFF or multi-band raster is written as GeoTIFF "
                                    + "(every band, type and georeference kept): use --format tif or same, not " + ext);
                        }
                        Path target = output.resolve(file.relative() + "." + ext);
                        GeoStats stats = GeoTiffFiles.upscale(geo, file.file(), target, progress::step);
                        done++;
                        progress.println(String.format("%s -> %s  %s  %s  %.2f s", file.name(), target,
                                Reports.classCounts(loaded.spec().classNames(), stats.tilesPerClass()),
                                stats.describe(), stats.nanos() / 1e9));
                        continue;
                    }
                    DecodedImage input = file.read();
                    PixelLimit.check(file.path(), input.color().width(), input.color().height(), settings.maxPixels());
                    TileRouting routing = budget == null ? null
                            : budget.route(scored.getOrDefault(file.name(), -1), file.path().getFileName().toString(),
                                    input.color());
                    ImageUpscaler.Result result = upscaler.upscale(input, progress::step, routing);
                    String ext = "same".equals(outFormat) ? file.extension() : outFormat;
                    // An archive member keeps its folders under the output folder.
                    Path target = output.resolve(file.relative() + "." + ext);
                    Files.createDirectories(target.getParent());
                    ImageCodec.write(target, result.image());
                    if (maps) {
                        TileGrid grid = TileGrid.cover(input.color().width(), input.color().height(),
                                loaded.spec().tileSize(), loaded.spec().tileStep());
                        DecodedImage map = new DecodedImage(ClassMapRenderer.render(input.color(), grid,
                                result.stats().tileClasses()), null, 8, "png");
                        ImageCodec.write(output.resolve(file.relative() + "_classmap.png"), map);
                    }
                    done++;
                    progress.println(String.format("%s -> %s  %s  %.2f s", file.name(), target,
                            Reports.classCounts(loaded.spec().classNames(), result.stats().tilesPerClass()),
                            result.stats().seconds()));
                } catch (RuntimeException e) {
                    // OutOfMemoryError is not caught: after it the JVM's state is unknown.
                    failures.put(file.name(), Reports.reason(e));
                }
            }
        }
        out.printf("%d of %d images upscaled into %s%n", done, files.size(), output);
        if (budget != null) {
            BudgetOption.printPlan(budget.plan(), loaded.spec().classNames(), out, err);
        }
        Reports.printFailures(failures, err);
        return failures.isEmpty() ? 0 : 1;
    }
}
