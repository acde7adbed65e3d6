package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EvalSummary;
import org.classsr.engine.Evaluator;
import org.classsr.engine.ImageEvaluation;
import org.classsr.engine.ModelCache;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.model.ClassSrModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code classsr eval}: ClassSR vs. its "-O" network vs. bicubic on ground-truth images. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure ClassSR, the \"-O\" network and bicubic (PSNR-Y, SSIM-Y, FLOPs, time) on HR images.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions settingsOptions;

    @Option(names = "--hr", paramLabel = "DIR", required = true, description = "Ground-truth HR images (file or folder).")
    Path hr;

    @Option(names = "--lr", paramLabel = "DIR",
            description = "LR inputs with the same names; default: MATLAB bicubic x1/scale (the model's scale) of the HR images.")
    Path lr;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = settingsOptions.load();
        ClassSrModel classsr = ModelCache.verified(settings.model());
        if (!classsr.routed() || classsr.originalFolder() == null) {
            throw new IllegalArgumentException("eval needs a ClassSR model whose model.conf names its \"-O\" network ("
                    + "key original); " + classsr.folder() + " has "
                    + (classsr.routed() ? "no original" : "no classifier"));
        }
        ClassSrModel original = ModelCache.verified(classsr.originalFolder());
        Evaluator evaluator = new Evaluator(new ClassSrEngine(classsr, settings.engine()),
                new ClassSrEngine(original, settings.engine()));
        List<Path> files = InputFiles.expand(List.of(hr));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no image files in " + hr);
        }
        evaluator.warmUp();

        List<ImageEvaluation> results = new ArrayList<>();
        Map<Path, String> failures = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                // Limits from the headers, before any pixel is decoded.
                PixelLimit.checkHeader(file, PixelLimit.forHr(settings.maxPixels(), classsr.spec().scale()));
                Path lrFile = lr == null ? null : findLr(file);
                if (lrFile != null) {
                    PixelLimit.checkHeader(lrFile, settings.maxPixels());
                }
                FloatImage truth = ImageCodec.read(file).color();
                FloatImage input = lrFile == null ? null : ImageCodec.read(lrFile).color();
                ImageEvaluation e = evaluator.evaluate(file.getFileName().toString(), truth, input);
                results.add(e);
                err.printf("%s: PSNR-Y %.2f (ClassSR) / %.2f (-O) / %.2f (bicubic) dB, %.2f s / %.2f s%n",
                        e.name(), e.psnrY().classsr(), e.psnrY().original(), e.psnrY().bicubic(),
                        e.classsrSeconds(), e.originalSeconds());
            } catch (RuntimeException e) {
                failures.put(file, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        if (!results.isEmpty()) {
            List<String> names = classsr.spec().classNames();
            EvalSummary summary = EvalSummary.of(results, names);
            out.print(Reports.evalTable(summary, results, names));
            if (json != null) {
                Reports.writeJson(json, Reports.evalJson(summary, results, names));
                out.println("report written to " + json);
            }
        }
        failures.forEach((file, reason) -> err.printf("FAILED %s: %s%n", file, reason));
        return failures.isEmpty() ? 0 : 1;
    }

    /** The LR file with the HR file's name (any image extension) in the --lr folder. */
    private Path findLr(Path hrFile) {
        if (!Files.isDirectory(lr)) {
            throw new IllegalArgumentException("--lr " + lr + " is not a folder");
        }
        String stem = InputFiles.stem(hrFile);
        for (String ext : InputFiles.IMAGE_EXTENSIONS) {
            Path candidate = lr.resolve(stem + "." + ext);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(hrFile + ": no LR image named " + stem + ".* in " + lr);
    }
}
