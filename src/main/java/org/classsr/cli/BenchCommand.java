package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.classsr.bench.BenchCharts;
import org.classsr.bench.BenchReport;
import org.classsr.bench.Benchmark;
import org.classsr.bench.PeakMeasure;
import org.classsr.bench.PeakResult;
import org.classsr.bench.PlainComparison;
import org.classsr.bench.PlainResult;
import org.classsr.engine.Evaluator;
import org.classsr.engine.FixedSplit;
import org.classsr.engine.ModelCache;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassSrModel;
import org.classsr.spark.SparkJobSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code classsr bench}: bicubic, "-O", ClassSR (engine) and the Spark job, side by side on the same images. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark bicubic, the \"-O\" network, ClassSR in the one-JVM engine and the Spark job (local mode)",
            "on the same images: PSNR-Y, seconds per image (median and spread), Mpx/s, FLOPs, ratios to \"-O\";",
            "ClassSR's time by stage; optionally a sweep of the quality/cost knob.",
            "With --split: timing only, ClassSR routed by a fixed class split against its \"-O\" network."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--hr", paramLabel = "DIR", required = true,
            description = "Ground-truth HR images (file, folder or .zip/.tar/.tar.gz archive); LR = MATLAB bicubic x1/scale, as eval makes it.")
    Path hr;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Timed passes over all images (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "1", description = "Untimed passes first (default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--md", paramLabel = "FILE", description = "Write the results as Markdown tables.")
    Path md;

    @Option(names = "--chart", paramLabel = "FILE.png",
            description = "PNG chart of PSNR-Y against seconds per image; with --sweep also FILE-sweep.png, with --sweep-budget FILE-budget.png.")
    Path chart;

    @Option(names = "--sweep", paramLabel = "B,B,...", split = ",",
            description = "Knob values b: ClassSR with class-bias [b, 0, -b] (b > 0 favours the simple branch); 0 is always included."
                    + " Quote negative values: --sweep=-1,-0.5,0,0.5,1")
    List<Double> sweep = new ArrayList<>();

    @Option(names = "--split", paramLabel = "S,M,H", split = ",",
            description = "Timing only: route ClassSR's tiles by this fixed split (fractions of tiles per class, e.g. the"
                    + " paper's 0.61,0.23,0.16 for simple,medium,hard; sum 1) instead of by the classifier, which still runs"
                    + " on every tile. Times ClassSR and its \"-O\" network in the engine; no PSNR, Spark or sweep.")
    List<Double> split = new ArrayList<>();

    @Option(names = "--sweep-budget", paramLabel = "R,R,...", split = ",",
            description = "Compute budgets R (fractions of the \"-O\" network's FLOPs, e.g. 0.4,0.5,0.6,0.7): ClassSR in the engine"
                    + " routed to meet each (classsr.engine.budget.flops and .scope apply); PSNR-Y, ratio reached and time per point.")
    List<Double> sweepBudget = new ArrayList<>();

    @Option(names = "--no-spark", description = "Leave out the Spark job.")
    boolean noSpark;

    @Option(names = "--peak", description = "Also measure the limit: a dense 3x3 56->56 convolution over 64 and 256 tiles, beside"
            + " each network's executed GFLOP/s at the engine's batch size (docs/engine-speed.md).")
    boolean peak;

    @Option(names = "--plain", description = "Also time the engine against a plain batched implementation of the same networks"
            + " (tile all, classify all, each class in large batches, stitch), ClassSR and \"-O\", interleaved (docs/engine-speed.md).")
    boolean plain;

    @Option(names = "--plain-batch", paramLabel = "N", defaultValue = "128",
            description = "With --plain: tiles per branch forward pass of the plain implementation (default ${DEFAULT-VALUE}).")
    int plainBatch;

    @Option(names = "--engine-batches", paramLabel = "B,B,...", split = ",",
            description = "With --plain: also time the engine's ClassSR at these branch batch sizes (tuning).")
    List<Integer> engineBatches = new ArrayList<>();

    @Option(names = "--engine-threads", paramLabel = "T,T,...", split = ",",
            description = "With --plain: also time the engine's ClassSR at these PyTorch intra-op thread counts (tuning).")
    List<Integer> engineThreads = new ArrayList<>();

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a temporary folder, deleted after).")
    Path work;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = run.out();
        PrintWriter err = run.err();
        Settings settings = run.load();
        boolean timingOnly = !split.isEmpty();
        if (timingOnly && (!sweep.isEmpty() || chart != null)) {
            throw new IllegalArgumentException("--split times ClassSR at a fixed split without PSNR: it does not take "
                    + (sweep.isEmpty() ? "--chart (PSNR against time)" : "--sweep (the classifier's knob)"));
        }
        SparkJobSettings job = noSpark || timingOnly ? null : run.settingsOptions.sparkJob(null);
        ClassSrModel classsr = ModelCache.verified(settings.model());
        Path originalFolder = classsr.requireOriginal("bench");
        FixedSplit fixed = timingOnly ? FixedSplit.of(split, classsr.spec().classNames()) : null;
        ClassSrModel original = ModelCache.verified(originalFolder);
        List<InputImages.Input> inputs = InputImages.expand(List.of(hr), settings.maxPixels() * 16).requireAny(hr)
                .requireAll();
        // Archive members travel as paths named ARCHIVE!/MEMBER; each is read from its archive.
        Map<Path, InputImages.Input> byPath = new LinkedHashMap<>();
        inputs.forEach(i -> byPath.put(i.path(), i));
        List<Path> files = List.copyOf(byPath.keySet());
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("classsr-bench") : Files.createDirectories(work);
        BenchReport report;
        try {
            report = Benchmark.run(new Benchmark.Request(settings.model(), classsr, original, settings.engine(), files,
                    repeats, warmups, sweep, job, settings.maxPixels(), dir, fixed, p -> byPath.get(p).read(),
                    settings.budget(), sweepBudget), err);
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
        }
        out.print(report.table());
        PeakResult limit = peak ? PeakMeasure.run(PeakMeasure.Request.standard(classsr.spec().tileSize()),
                PeakMeasure.targets(classsr, original, settings.engine())) : null;
        if (limit != null) {
            out.print(limit.table());
        }
        PlainResult plainResult = plain ? PlainComparison.run(new PlainComparison.Request(classsr, original,
                settings.engine(), lowResolution(files, byPath, classsr.spec().scale()), repeats, warmups, plainBatch,
                engineBatches, engineThreads), err) : null;
        if (plainResult != null) {
            out.print(plainResult.table());
        }
        if (json != null) {
            Map<String, Object> root = report.toJson();
            if (limit != null) {
                root.put("peak", limit.toJson());
            }
            if (plainResult != null) {
                root.put("plain", plainResult.toJson());
            }
            Reports.writeJson(json, root);
            out.println("JSON written to " + json);
        }
        if (md != null) {
            Path parent = md.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(md, report.markdown() + (limit == null ? "" : "\n" + limit.markdown())
                    + (plainResult == null ? "" : "\n" + plainResult.markdown()),
                    StandardCharsets.UTF_8);
            out.println("Markdown written to " + md);
        }
        if (chart != null) {
            BenchCharts.methods(report, chart);
            out.println("chart written to " + chart);
            if (!report.sweep().isEmpty()) {
                Path sweepChart = BenchCharts.sweepFile(chart);
                BenchCharts.sweep(report, sweepChart);
                out.println("sweep chart written to " + sweepChart);
            }
            if (!report.budgetSweep().isEmpty()) {
                Path budgetChart = BenchCharts.budgetFile(chart);
                BenchCharts.budgetSweep(report, settings.budget().flops().name().toLowerCase(java.util.Locale.ROOT),
                        budgetChart);
                out.println("budget chart written to " + budgetChart);
            }
        }
        out.flush();
        return 0;
    }

    /** The LR inputs as bench makes them (eval's MATLAB bicubic x1/scale, 8 bits). */
    private static List<FloatImage> lowResolution(List<Path> files, Map<Path, InputImages.Input> byPath, int scale) {
        List<FloatImage> images = new ArrayList<>();
        for (Path p : files) {
            images.add(Evaluator.lowResolution(byPath.get(p).read().color().cropToMultiple(scale), scale));
        }
        return images;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
