package org.classsr.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.classsr.engine.BudgetPlan;
import org.classsr.engine.BudgetRunner;
import org.classsr.engine.BudgetSettings;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.Evaluator;
import org.classsr.engine.FixedSplit;
import org.classsr.engine.ProgressListener;
import org.classsr.engine.TileRouting;
import org.classsr.engine.UpscaleResult;
import org.classsr.engine.UpscaleStats;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.model.ClassSrModel;
import org.classsr.model.CostTally;
import org.classsr.model.Macs;
import org.classsr.spark.DistributedUpscaler;
import org.classsr.spark.JobReport;
import org.classsr.spark.JobRequest;
import org.classsr.spark.SparkJobSettings;

/**
 * Measures, in one JVM and on the same images, bicubic, the "-O" network over all tiles, ClassSR
 * in the one-JVM engine (in memory, and file to file), and the Spark job in local mode; breaks
 * ClassSR's time down by phase; and sweeps the quality/cost knob.
 *
 * <p>Method: the LR inputs are made from the HR images as {@code eval} makes them (MATLAB bicubic
 * x1/scale, 8 bits) and written once as PNG for the file-to-file runs. The engines are warmed up,
 * then every method runs {@code warmups} untimed passes and {@code repeats} timed passes over all
 * images, methods interleaved within each pass so that drift in the machine's speed touches all
 * of them alike. A sample is one pass's total time / images. The Spark session is started once
 * (not timed) and reused; a Spark sample is the wall time of one job over all images. PSNR-Y is
 * scored on the first timed pass's outputs, outside the timed regions.
 *
 * <p>With a {@link FixedSplit} (timing only) just the "-O" network and ClassSR run, in memory, and
 * ClassSR's tiles go to the branches by the split instead of by the classifier (which still runs
 * on every tile, so its cost is timed): its time at, say, the paper's class split, with untrained
 * weights if need be. No PSNR, no files, no Spark, no sweep.
 */
public final class Benchmark {

    /**
     * What to measure.
     *
     * @param modelFolder the ClassSR model folder (the Spark job loads it by path)
     * @param hrFiles ground-truth images
     * @param warmups untimed passes before the timed ones
     * @param sweep knob values b (class-bias [b, 0, -b]); 0 is added if absent; empty: no sweep
     * @param spark the Spark job's settings, or null to leave Spark out
     * @param workDir scratch folder for LR inputs and outputs
     * @param split timing only: route ClassSR's tiles by this split (no PSNR, Spark or sweep); null: by the classifier
     * @param reader how an HR image is read (a file, or an archive member named by a path)
     * @param budget routes ClassSR (engine and Spark) to a compute budget when enabled; its flops and
     *     scope also apply to {@code sweepBudget}
     * @param sweepBudget budgets to sweep in the engine (empty: none)
     */
    public record Request(Path modelFolder, ClassSrModel classsr, ClassSrModel original, EngineSettings engine,
            List<Path> hrFiles, int repeats, int warmups, List<Double> sweep, SparkJobSettings spark, long maxPixels,
            Path workDir, FixedSplit split, HrReader reader, BudgetSettings budget, List<Double> sweepBudget) {

        public Request {
            hrFiles = List.copyOf(hrFiles);
            sweep = List.copyOf(sweep);
            budget = budget == null ? BudgetSettings.off() : budget;
            sweepBudget = List.copyOf(sweepBudget);
            if (split != null && (budget.enabled() || !sweepBudget.isEmpty())) {
                throw new IllegalArgumentException("a fixed split routes by the split: no budget with it");
            }
            if (repeats < 1 || warmups < 0) {
                throw new IllegalArgumentException("repeats must be >= 1 and warm-ups >= 0, got " + repeats + ", " + warmups);
            }
            if (hrFiles.isEmpty()) {
                throw new IllegalArgumentException("no HR images to benchmark");
            }
            if (!classsr.routed()) {
                throw new IllegalArgumentException(modelFolder + " has no classifier: bench needs a ClassSR model");
            }
            if (split != null && (!sweep.isEmpty() || spark != null)) {
                throw new IllegalArgumentException("a fixed split times the engine only: no sweep and no Spark with it");
            }
        }

        /** HR images read from files. */
        public Request(Path modelFolder, ClassSrModel classsr, ClassSrModel original, EngineSettings engine,
                List<Path> hrFiles, int repeats, int warmups, List<Double> sweep, SparkJobSettings spark,
                long maxPixels, Path workDir, FixedSplit split) {
            this(modelFolder, classsr, original, engine, hrFiles, repeats, warmups, sweep, spark, maxPixels, workDir,
                    split, ImageCodec::read, null, List.of());
        }

        /** Routed by the classifier (the full benchmark). */
        public Request(Path modelFolder, ClassSrModel classsr, ClassSrModel original, EngineSettings engine,
                List<Path> hrFiles, int repeats, int warmups, List<Double> sweep, SparkJobSettings spark,
                long maxPixels, Path workDir) {
            this(modelFolder, classsr, original, engine, hrFiles, repeats, warmups, sweep, spark, maxPixels, workDir,
                    null, ImageCodec::read, null, List.of());
        }
    }

    /** Reads one HR image named in {@link Request#hrFiles()}. */
    @FunctionalInterface
    public interface HrReader {
        DecodedImage read(Path file);
    }

    /** One benchmark image: ground truth (cropped to a multiple of the scale), LR input, LR file. */
    private record Image(String name, FloatImage truth, FloatImage lr, Path lrFile) {
    }

    private final Request request;
    private final PrintWriter log;
    private final int scale;

    private Benchmark(Request request, PrintWriter log) {
        this.request = request;
        this.log = log;
        this.scale = request.classsr().spec().scale();
    }

    public static BenchReport run(Request request, PrintWriter log) throws IOException {
        return new Benchmark(request, log).run();
    }

    /** class-bias = [b, 0, ..., -b] for {@code classes} classes. */
    public static double[] knob(double b, int classes) {
        double[] bias = new double[classes];
        bias[0] = b;
        bias[classes - 1] -= b;
        return bias;
    }

    /** The knob values to sweep: sorted, duplicates removed, the default 0 included. */
    public static List<Double> sweepValues(List<Double> requested) {
        if (requested.isEmpty()) {
            return List.of();
        }
        TreeSet<Double> values = new TreeSet<>(requested);
        values.add(0.0);
        return List.copyOf(values);
    }

    private BenchReport run() throws IOException {
        if (request.original().spec().scale() != scale) {
            throw new IllegalArgumentException("ClassSR model is x" + scale + " but its original is x"
                    + request.original().spec().scale());
        }
        if (request.split() != null) {
            return runSplit();
        }
        List<Image> images = prepare(true);
        int n = images.size();
        ClassSrEngine classsr = new ClassSrEngine(request.classsr(), request.engine());
        ClassSrEngine original = new ClassSrEngine(request.original(), request.engine());
        say("warming up the engines");
        classsr.warmUp();
        original.warmUp();

        SparkSession session = null;
        if (request.spark() != null) {
            say("starting Spark (" + request.spark().master() + "), not timed");
            session = DistributedUpscaler.session(request.spark());
        }
        try {
            int passes = request.warmups() + request.repeats();
            double[] tBicubic = new double[request.repeats()];
            double[] tOriginal = new double[request.repeats()];
            double[] tClasssr = new double[request.repeats()];
            double[] tFiles = new double[request.repeats()];
            double[] tSpark = new double[request.repeats()];
            double[] psnr = new double[4]; // bicubic, original, classsr, spark
            CostTally cost = new CostTally(request.classsr().branches().size());
            long pixels = pixels(images);
            Breakdown.Sums sums = new Breakdown.Sums(); // over the timed passes
            BudgetPlan budgetPlan = null;

            for (int pass = 0; pass < passes; pass++) {
                int rep = pass - request.warmups();
                boolean timed = rep >= 0;
                boolean scored = rep == 0;
                say((timed ? "timed pass " + (rep + 1) + "/" + request.repeats() : "warm-up pass " + (pass + 1)));
                long sumBicubic = 0;
                long sumOriginal = 0;
                long sumClasssr = 0;
                long sumFiles = 0;
                Path outDir = Files.createDirectories(request.workDir().resolve("engine-out"));
                // With a budget, the Class-Module scores the tiles first (all images, per job) and is timed with ClassSR.
                BudgetRunner budget = request.budget().enabled() ? new BudgetRunner(request.classsr(),
                        request.original(), request.engine(), request.budget()) : null;
                List<Integer> scoredIds = new ArrayList<>();
                if (budget != null && budget.perJob()) {
                    for (Image im : images) {
                        scoredIds.add(budget.score(im.lrFile().getFileName().toString(), im.lr()));
                    }
                    budget.planJob();
                }
                for (Image im : images) {
                    long t = System.nanoTime();
                    FloatImage bicubic = Evaluator.bicubicUpscale(im.lr(), scale);
                    sumBicubic += System.nanoTime() - t;

                    t = System.nanoTime();
                    UpscaleResult plain = original.upscale(im.lr());
                    sumOriginal += System.nanoTime() - t;

                    long t0 = System.nanoTime();
                    DecodedImage input = ImageCodec.read(im.lrFile());
                    long t1 = System.nanoTime();
                    TileRouting routing = budget == null ? null : budget.route(budget.perJob()
                            ? scoredIds.get(images.indexOf(im)) : -1, im.lrFile().getFileName().toString(), input.color());
                    UpscaleResult routed = routing == null ? classsr.upscale(input.color())
                            : classsr.upscale(input.color(), ProgressListener.NONE, routing);
                    long t2 = System.nanoTime();
                    byte[] png = ImageCodec.encode(DecodedImage.of(routed.image()), "png");
                    Files.write(outDir.resolve(im.name() + ".png"), png);
                    long t3 = System.nanoTime();
                    // A job's scoring pass ran before this loop: its share counts here.
                    long scoring = budget != null && budget.perJob() ? routing.classifyNanos() : 0;
                    sumClasssr += t2 - t1 + scoring;
                    sumFiles += t3 - t0 + scoring;

                    if (timed) {
                        sums.decode += t1 - t0;
                        sums.encode += t3 - t2;
                        sums.add(routed.stats().times());
                    }
                    if (scored) {
                        psnr[0] += Evaluator.psnrY(bicubic, im.truth(), scale) / n;
                        psnr[1] += Evaluator.psnrY(plain.image(), im.truth(), scale) / n;
                        psnr[2] += Evaluator.psnrY(routed.image(), im.truth(), scale) / n;
                        cost.addOriginal(plain.stats().macs());
                        cost.add(routed.stats().tilesPerClass(), routed.stats().macs());
                    }
                }
                if (scored && budget != null) {
                    budgetPlan = budget.plan();
                }
                if (timed) {
                    tBicubic[rep] = sumBicubic / 1e9 / n;
                    tOriginal[rep] = sumOriginal / 1e9 / n;
                    tClasssr[rep] = sumClasssr / 1e9 / n;
                    tFiles[rep] = sumFiles / 1e9 / n;
                }
                if (session != null) {
                    Path sparkOut = request.workDir().resolve("spark-out-" + pass);
                    long t = System.nanoTime();
                    JobReport report = DistributedUpscaler.run(session, request.spark(), sparkRequest(sparkOut), null);
                    long dt = System.nanoTime() - t;
                    if (report.imagesFailed() > 0 || report.imagesOk() != n) {
                        throw new IllegalStateException("the Spark job failed on some images: " + report.failures());
                    }
                    if (timed) {
                        tSpark[rep] = dt / 1e9 / n;
                    }
                    if (scored) {
                        for (Image im : images) {
                            FloatImage out = ImageCodec.read(sparkOut.resolve(im.name() + ".png")).color();
                            psnr[3] += Evaluator.psnrY(out, im.truth(), scale) / n;
                        }
                    }
                }
            }

            double perImage = (double) pixels / n;
            double[] fraction = cost.fractions();
            Macs originalMacs = cost.original();
            Macs classsrMacs = cost.macs();
            String oName = request.original().spec().name();
            String cName = request.classsr().spec().name();
            List<MethodResult> methods = new ArrayList<>();
            methods.add(new MethodResult("bicubic", "bicubic (MATLAB kernel)", MethodResult.IN_MEMORY, psnr[0],
                    Spread.of(tBicubic), perImage, Double.NaN, Double.NaN, null));
            methods.add(new MethodResult("original", oName + " (\"-O\", engine)", MethodResult.IN_MEMORY, psnr[1],
                    Spread.of(tOriginal), perImage, paperFlops(originalMacs, n), executedFlops(originalMacs, n), null));
            methods.add(new MethodResult("classsr", cName + " (engine)", MethodResult.IN_MEMORY, psnr[2],
                    Spread.of(tClasssr), perImage, paperFlops(classsrMacs, n), executedFlops(classsrMacs, n), fraction));
            methods.add(new MethodResult("classsr_files", cName + " (engine, files)", MethodResult.FILES, psnr[2],
                    Spread.of(tFiles), perImage, paperFlops(classsrMacs, n), executedFlops(classsrMacs, n), fraction));
            double sparkMean = Double.NaN;
            if (session != null) {
                methods.add(new MethodResult("spark", cName + " (Spark " + request.spark().master() + ")",
                        MethodResult.FILES, psnr[3], Spread.of(tSpark), perImage, paperFlops(classsrMacs, n),
                        executedFlops(classsrMacs, n), fraction));
                sparkMean = mean(tSpark);
            }
            Breakdown breakdown = sums.perImage((double) n * request.repeats(), true, sparkMean);

            List<SweepPoint> sweep = sweep(images, Spread.of(tOriginal).median(), originalMacs);
            List<BudgetPoint> budgetSweep = request.sweepBudget().isEmpty() ? List.of()
                    : BudgetSweep.run(request.classsr(), request.original(), request.engine(), request.budget(),
                            request.sweepBudget(), images.stream().map(im -> new BudgetSweep.Input(
                                    im.lrFile().getFileName().toString(), im.truth(), im.lr())).toList(),
                            request.repeats(), Spread.of(tOriginal).median(), originalMacs, log);
            return new BenchReport(BenchReport.currentMachine(), setup(images), methods, breakdown, sweep,
                    request.classsr().spec().classNames(), null, budgetPlan, budgetSweep);
        } finally {
            if (session != null) {
                session.stop();
            }
        }
    }

    private List<SweepPoint> sweep(List<Image> images, double originalSeconds, Macs originalMacs) {
        List<SweepPoint> points = new ArrayList<>();
        int n = images.size();
        int classes = request.classsr().branches().size();
        for (double b : sweepValues(request.sweep())) {
            double[] bias = knob(b, classes);
            say("sweep: class-bias " + java.util.Arrays.toString(bias));
            ClassSrEngine engine = new ClassSrEngine(request.classsr(), request.engine().withClassBias(bias));
            double[] seconds = new double[request.repeats()];
            double psnr = 0;
            CostTally cost = new CostTally(classes);
            cost.addOriginal(originalMacs);
            for (int rep = 0; rep < request.repeats(); rep++) {
                long sum = 0;
                for (Image im : images) {
                    long t = System.nanoTime();
                    UpscaleResult r = engine.upscale(im.lr());
                    sum += System.nanoTime() - t;
                    if (rep == 0) {
                        psnr += Evaluator.psnrY(r.image(), im.truth(), scale) / n;
                        cost.add(r.stats().tilesPerClass(), r.stats().macs());
                    }
                }
                seconds[rep] = sum / 1e9 / n;
            }
            Spread s = Spread.of(seconds);
            points.add(new SweepPoint(b, bias, psnr, cost.fractions(), cost.paperFlopsRatio(),
                    cost.executedFlopsRatio(), s, s.median() / originalSeconds));
        }
        return points;
    }

    private JobRequest sparkRequest(Path out) {
        return new JobRequest(List.of(request.workDir().resolve("lr").toString()), out.toString(),
                request.modelFolder(), request.engine(), request.maxPixels(), "png", false, true, null, request.budget());
    }

    /**
     * Timing at a fixed split: the "-O" network and ClassSR (routed by the split) on every image,
     * {@code warmups} untimed and {@code repeats} timed passes, in memory. Which of the two runs first
     * alternates from pass to pass, so that neither always finds the caches the other left.
     */
    private BenchReport runSplit() throws IOException {
        List<Image> images = prepare(false);
        int n = images.size();
        ClassSrEngine classsr = new ClassSrEngine(request.classsr(), request.engine(), request.split());
        ClassSrEngine original = new ClassSrEngine(request.original(), request.engine());
        say("warming up the engines");
        classsr.warmUp();
        original.warmUp();
        int repeats = request.repeats();
        int classes = request.classsr().branches().size();
        double[][] perImageOriginal = new double[n][repeats];
        double[][] perImageClasssr = new double[n][repeats];
        double[] tOriginal = new double[repeats];
        double[] tClasssr = new double[repeats];
        CostTally cost = new CostTally(classes);
        int[] tiles = new int[n];
        long pixels = pixels(images);
        Breakdown.Sums sums = new Breakdown.Sums();
        for (int pass = 0; pass < request.warmups() + repeats; pass++) {
            int rep = pass - request.warmups();
            say((rep >= 0 ? "timed pass " + (rep + 1) + "/" + repeats : "warm-up pass " + (pass + 1))
                    + " (fixed split)");
            for (int i = 0; i < n; i++) {
                FloatImage lr = images.get(i).lr();
                long[] nanos = new long[2];
                UpscaleResult[] results = new UpscaleResult[2];
                for (int j = 0; j < 2; j++) {
                    int which = (pass + j) % 2; // 0: original, 1: classsr
                    long t = System.nanoTime();
                    results[which] = (which == 0 ? original : classsr).upscale(lr);
                    nanos[which] = System.nanoTime() - t;
                }
                if (rep < 0) {
                    continue;
                }
                perImageOriginal[i][rep] = nanos[0] / 1e9;
                perImageClasssr[i][rep] = nanos[1] / 1e9;
                tOriginal[rep] += nanos[0] / 1e9 / n;
                tClasssr[rep] += nanos[1] / 1e9 / n;
                sums.add(results[1].stats().times());
                if (rep == 0) {
                    UpscaleStats c = results[1].stats();
                    cost.addOriginal(results[0].stats().macs());
                    cost.add(c.tilesPerClass(), c.macs());
                    tiles[i] = c.tiles();
                }
            }
        }
        double[] fraction = cost.fractions();
        Macs originalMacs = cost.original();
        Macs classsrMacs = cost.macs();
        double perImage = (double) pixels / n;
        List<MethodResult> methods = List.of(
                new MethodResult("original", request.original().spec().name() + " (\"-O\", engine)", MethodResult.IN_MEMORY,
                        Double.NaN, Spread.of(tOriginal), perImage, paperFlops(originalMacs, n), executedFlops(originalMacs, n),
                        null),
                new MethodResult("classsr", request.classsr().spec().name() + " (engine, fixed split)",
                        MethodResult.IN_MEMORY, Double.NaN, Spread.of(tClasssr), perImage, paperFlops(classsrMacs, n),
                        executedFlops(classsrMacs, n), fraction));
        Breakdown breakdown = sums.perImage((double) n * repeats, false, Double.NaN);
        List<SplitResult.ImageTime> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            times.add(new SplitResult.ImageTime(images.get(i).name(), tiles[i], Spread.of(perImageOriginal[i]).median(),
                    Spread.of(perImageClasssr[i]).median()));
        }
        return new BenchReport(BenchReport.currentMachine(), setup(images), methods, breakdown, List.of(),
                request.classsr().spec().classNames(),
                new SplitResult(request.split().fractions(), cost.tilesPerClass(), times));
    }

    private static long pixels(List<Image> images) {
        long pixels = 0;
        for (Image im : images) {
            pixels += (long) im.truth().width() * im.truth().height();
        }
        return pixels;
    }

    /** FLOPs per image of {@code total} MACs over {@code n} images, paper convention. */
    private static double paperFlops(Macs total, int n) {
        return 2.0 * total.paper() / n;
    }

    private static double executedFlops(Macs total, int n) {
        return 2.0 * total.executed() / n;
    }

    /** Reads the HR images, makes the LR inputs and, for the file-to-file runs, writes them once as PNG. */
    private List<Image> prepare(boolean writeFiles) throws IOException {
        Path lrDir = writeFiles ? Files.createDirectories(request.workDir().resolve("lr")) : null;
        List<Image> images = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Path file : request.hrFiles()) {
            FloatImage truth = request.reader().read(file).color().cropToMultiple(scale);
            if ((long) truth.width() * truth.height() > request.maxPixels() * scale * scale) {
                throw new IllegalArgumentException(file + ": " + truth.width() + "x" + truth.height()
                        + " is over the pixel limit for benchmarking");
            }
            String stem = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            if (!names.add(stem)) {
                throw new IllegalArgumentException(file + ": two benchmark images are named " + stem);
            }
            FloatImage lr = Evaluator.lowResolution(truth, scale);
            Path lrFile = null;
            if (writeFiles) {
                lrFile = lrDir.resolve(stem + ".png");
                ImageCodec.write(lrFile, DecodedImage.of(lr));
            }
            images.add(new Image(stem, truth, lr, lrFile));
            say("image " + stem + ": HR " + truth.width() + "x" + truth.height() + ", LR " + lr.width() + "x" + lr.height());
        }
        return images;
    }

    private java.util.Map<String, Object> setup(List<Image> images) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("model", request.modelFolder().toString());
        m.put("classsr", request.classsr().spec().name());
        m.put("original", request.original().spec().name());
        m.put("repeats", request.repeats());
        m.put("warmups", request.warmups());
        EngineSettings e = request.engine();
        m.put("engine", java.util.Map.of("batch_size", e.batchSize(), "classifier_batch_size", e.classifierBatchSize(),
                "chunk_tiles", e.chunkTiles(), "class_bias", e.classBias()));
        m.put("spark_master", request.spark() == null ? null : request.spark().master());
        m.put("split", request.split() == null ? null : request.split().fractions());
        List<java.util.Map<String, Object>> list = new ArrayList<>();
        for (Image im : images) {
            java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("name", im.name());
            r.put("hr_width", im.truth().width());
            r.put("hr_height", im.truth().height());
            r.put("lr_width", im.lr().width());
            r.put("lr_height", im.lr().height());
            list.add(r);
        }
        m.put("images", list);
        return m;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private void say(String line) {
        if (log != null) {
            log.println("bench: " + line);
            log.flush();
        }
    }
}
