package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.classsr.engine.BudgetPlan;
import org.classsr.engine.BudgetRunner;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EvalSummary;
import org.classsr.engine.Evaluator;
import org.classsr.engine.ImageEvaluation;
import org.classsr.engine.ModelCache;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageFiles;
import org.classsr.image.PixelLimit;
import org.classsr.model.ClassSrModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code classsr eval}: ClassSR vs. its "-O" network vs. bicubic on ground-truth images. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure ClassSR, the \"-O\" network and bicubic (PSNR-Y, SSIM-Y, FLOPs, time) on HR images; "
                + "a single-network folder (an \"-O\" model) is measured against bicubic.")
public final class EvalCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--hr", paramLabel = "DIR", required = true, description = "Ground-truth HR images (file, folder, or .zip/.tar/.tar.gz archive).")
    Path hr;

    @Option(names = "--lr", paramLabel = "DIR",
            description = "LR inputs with the same names; default: MATLAB bicubic x1/scale (the model's scale) of the HR images.")
    Path lr;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = run.out();
        PrintWriter err = run.err();
        Settings settings = run.load();
        ClassSrModel classsr = ModelCache.verified(settings.model());
        // A single network (an "-O" folder) fills both columns: it is measured against bicubic.
        ClassSrModel original = classsr.routed() ? ModelCache.verified(classsr.requireOriginal("eval")) : classsr;
        ClassSrEngine engine = new ClassSrEngine(classsr, settings.engine());
        Evaluator evaluator = new Evaluator(engine, classsr.routed() ? new ClassSrEngine(original, settings.engine()) : engine);
        if (!classsr.routed() && settings.budget().enabled()) {
            throw new IllegalArgumentException("a budget routes tiles by a classifier; " + settings.model()
                    + " is a single network");
        }
        InputImages.Listing listing = InputImages.expand(List.of(hr), settings.maxPixels() * 16).requireAny(hr);
        List<InputImages.Input> files = listing.inputs();
        evaluator.warmUp();

        List<ImageEvaluation> results = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>(listing.refused());
        BudgetRunner budget = settings.budget().enabled()
                ? new BudgetRunner(classsr, original, settings.engine(), settings.budget()) : null;
        Map<String, Integer> scored = budget != null && budget.perJob()
                ? BudgetOption.scoreAll(budget, files, file -> {
                    FloatImage[] pair = readChecked(file, classsr.spec().scale(), settings.maxPixels());
                    return evaluator.input(pair[0], pair[1]);
                }, failures)
                : Map.of();
        for (InputImages.Input file : files) {
            if (failures.containsKey(file.name())) {
                continue;
            }
            try {
                FloatImage[] pair = readChecked(file, classsr.spec().scale(), settings.maxPixels());
                FloatImage truth = pair[0];
                FloatImage input = pair[1];
                String name = file.path().getFileName().toString();
                int id = scored.getOrDefault(file.name(), -1);
                ImageEvaluation e = evaluator.evaluate(name, truth, input,
                        budget == null ? null : in -> budget.route(id, name, in));
                results.add(e);
                if (evaluator.singleNetwork()) {
                    err.printf("%s: PSNR-Y %.2f (%s) / %.2f (bicubic) dB, %.2f s%n", e.name(), e.psnrY().original(),
                            classsr.spec().name(), e.psnrY().bicubic(), e.originalSeconds());
                } else {
                    err.printf("%s: PSNR-Y %.2f (ClassSR) / %.2f (-O) / %.2f (bicubic) dB, %.2f s / %.2f s%n",
                            e.name(), e.psnrY().classsr(), e.psnrY().original(), e.psnrY().bicubic(),
                            e.classsrSeconds(), e.originalSeconds());
                }
            } catch (RuntimeException e) {
                failures.put(file.name(), Reports.reason(e));
            }
        }
        if (!results.isEmpty()) {
            List<String> names = classsr.spec().classNames();
            EvalSummary summary = EvalSummary.of(results, names);
            out.print(Reports.evalTable(summary, results, names));
            if (evaluator.singleNetwork()) {
                out.println(settings.model() + " is a single network (" + classsr.spec().name()
                        + "): its columns ClassSR and -O are the same run");
            }
            BudgetPlan plan = budget == null ? null : budget.plan();
            if (plan != null) {
                BudgetOption.printPlan(plan, names, out, err);
            }
            if (json != null) {
                Map<String, Object> report = Reports.evalJson(summary, results, names);
                if (plan != null) {
                    report.put("budget", plan.toJson(names));
                }
                Reports.writeJson(json, report);
                out.println("report written to " + json);
            }
        }
        Reports.printFailures(failures, err);
        return failures.isEmpty() ? 0 : 1;
    }

    /** The HR image and its LR input (null: made by bicubic), each refused from its header before decoding. */
    private FloatImage[] readChecked(InputImages.Input file, int scale, long maxPixels) {
        org.classsr.image.ImageInfo info = file.probe();
        PixelLimit.check(file.path(), info.width(), info.height(), PixelLimit.forHr(maxPixels, scale));
        Path lrFile = lr == null ? null : findLr(file.path());
        if (lrFile != null) {
            PixelLimit.checkHeader(lrFile, maxPixels);
        }
        return new FloatImage[] {file.read().color(), lrFile == null ? null : ImageCodec.read(lrFile).color()};
    }

    /** The LR file with the HR file's name (any image extension) in the --lr folder. */
    private Path findLr(Path hrFile) {
        if (!Files.isDirectory(lr)) {
            throw new IllegalArgumentException("--lr " + lr + " is not a folder");
        }
        String stem = InputFiles.stem(hrFile);
        for (String ext : ImageFiles.EXTENSIONS) {
            Path candidate = lr.resolve(stem + "." + ext);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(hrFile + ": no LR image named " + stem + ".* in " + lr);
    }
}
