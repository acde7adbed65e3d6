package org.classsr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.engine.BudgetPlan;
import org.classsr.model.ClassCounts;

/**
 * The benchmark's results: per method, ClassSR's breakdown, the targets checked, and the
 * knob sweep; as JSON, Markdown and a plain-text table. Ratios are against the "-O" network
 * ({@code original}): time ratio = median seconds per image / the original's median.
 *
 * <p>{@code split} is set for {@code bench --split} (timing only: ClassSR routed by a fixed class
 * split, no PSNR); null for the full benchmark. {@code budget} is what {@code --budget} chose for
 * ClassSR in the engine (null without one), {@code budgetSweep} the points of {@code --sweep-budget}.
 */
public record BenchReport(Map<String, Object> machine, Map<String, Object> setup, List<MethodResult> methods,
        Breakdown breakdown, List<SweepPoint> sweep, List<String> classNames, SplitResult split, BudgetPlan budget,
        List<BudgetPoint> budgetSweep) {

    public BenchReport(Map<String, Object> machine, Map<String, Object> setup, List<MethodResult> methods,
            Breakdown breakdown, List<SweepPoint> sweep, List<String> classNames, SplitResult split) {
        this(machine, setup, methods, breakdown, sweep, classNames, split, null, List.of());
    }

    /** Issue 5's targets. */
    public static final double TIME_SLACK = 0.05;
    public static final double MAX_NON_NETWORK = 0.25;
    public static final double MAX_SPARK_OVER_ENGINE = 1.25;

    public BenchReport {
        machine = Map.copyOf(machine);
        methods = List.copyOf(methods);
        sweep = List.copyOf(sweep);
        classNames = List.copyOf(classNames);
        budgetSweep = budgetSweep == null ? List.of() : List.copyOf(budgetSweep);
    }

    public MethodResult method(String key) {
        return methods.stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
    }

    public double timeRatio(MethodResult m) {
        return m.secondsPerImage().median() / method("original").secondsPerImage().median();
    }

    public double paperFlopsRatio(MethodResult m) {
        return m.paperFlopsPerImage() / method("original").paperFlopsPerImage();
    }

    public double executedFlopsRatio(MethodResult m) {
        return m.executedFlopsPerImage() / method("original").executedFlopsPerImage();
    }

    /** How many times faster than the "-O" network ClassSR is (the original's median / ClassSR's). */
    public double speedup() {
        return 1 / timeRatio(method("classsr"));
    }

    /** One target: the measured value, its limit (measured must be at most the limit), and whether it is met. */
    public record Target(String key, String description, double measured, double limit) {
        public boolean met() {
            return measured <= limit;
        }

        /** The report's entry for this target (keyed by {@link #key()} in "targets"). */
        Map<String, Object> toJson() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("description", description);
            r.put("measured", measured);
            r.put("limit", limit);
            r.put("met", met());
            return r;
        }

        /** The Markdown table of {@code targets}: description, measured, limit, met. */
        static String markdown(List<Target> targets) {
            StringBuilder sb = new StringBuilder("| target | measured | limit | met |\n|---|---:|---:|---|\n");
            for (Target t : targets) {
                sb.append(String.format("| %s | %.3f | %.3f | %s |%n", t.description(), t.measured(), t.limit(),
                        t.met() ? "yes" : "**no**"));
            }
            return sb.toString();
        }
    }

    public List<Target> targets() {
        List<Target> t = new ArrayList<>();
        MethodResult c = method("classsr");
        t.add(new Target("time_ratio", "ClassSR / -O wall time (engine) <= executed FLOPs ratio + 0.05",
                timeRatio(c), executedFlopsRatio(c) + TIME_SLACK));
        t.add(new Target("non_network_fraction", "share of ClassSR's engine time outside network forward passes <= 0.25",
                breakdown.nonNetworkFraction(), MAX_NON_NETWORK));
        MethodResult spark = method("spark");
        if (spark != null) {
            t.add(new Target("spark_over_engine", "Spark local-mode job / one-JVM engine, file to file, <= 1.25",
                    spark.secondsPerImage().median() / method("classsr_files").secondsPerImage().median(),
                    MAX_SPARK_OVER_ENGINE));
        }
        return t;
    }

    /** The machine the benchmark ran on. */
    public static Map<String, Object> currentMachine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("pytorch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        // Timing depends on what else runs (a shared host) and on how idle OpenMP threads wait.
        String wait = System.getenv("OMP_WAIT_POLICY");
        m.put("omp_wait_policy", wait == null ? "default" : wait);
        m.put("load_average_1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        m.put("jvm_uptime_s", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        m.put("date", OffsetDateTime.now().withNano(0).toString());
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the architecture below is all we know.
        }
        return System.getProperty("os.arch");
    }

    /** One entry of "methods": the method's measurements and its ratios to the baseline. */
    private Map<String, Object> methodJson(MethodResult m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", m.key());
        r.put("label", m.label());
        r.put("timed_scope", m.scope());
        r.put("psnr_y", nullIfNaN(m.psnrY()));
        r.put("seconds_per_image", m.secondsPerImage());
        r.put("output_megapixels_per_second", m.outputMegapixelsPerSecond());
        r.put("paper_flops_per_image", nullIfNaN(m.paperFlopsPerImage()));
        r.put("executed_flops_per_image", nullIfNaN(m.executedFlopsPerImage()));
        r.put("time_ratio", timeRatio(m));
        r.put("paper_flops_ratio", nullIfNaN(paperFlopsRatio(m)));
        r.put("executed_flops_ratio", nullIfNaN(executedFlopsRatio(m)));
        r.put("class_fraction", m.classFraction() == null ? null : fractions(m.classFraction()));
        return r;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", split == null ? "classifier" : "fixed_split");
        root.put("machine", machine);
        root.put("setup", setup);
        if (split != null) {
            root.put("split", splitJson());
        }
        root.put("methods", methods.stream().map(this::methodJson).toList());
        root.put("breakdown", breakdown.toJson());
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Target t : targets()) {
            targets.put(t.key(), t.toJson());
        }
        root.put("targets", targets);
        root.put("sweep", sweep.stream().map(p -> p.toJson(classNames)).toList());
        if (budget != null) {
            root.put("budget", budget.toJson(classNames));
        }
        root.put("budget_sweep", budgetSweep.stream().map(p -> p.toJson(classNames)).toList());
        return root;
    }

    private Map<String, Object> splitJson() {
        MethodResult c = method("classsr");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fractions", fractions(split.fractions()));
        m.put("tiles_per_class", ClassCounts.byName(classNames, split.tilesPerClass()));
        m.put("psnr", SplitResult.NO_PSNR);
        m.put("seconds_per_image", Map.of("original", method("original").secondsPerImage().median(),
                "classsr", c.secondsPerImage().median()));
        m.put("time_ratio", timeRatio(c));
        m.put("speedup", speedup());
        m.put("paper_flops_ratio", paperFlopsRatio(c));
        m.put("executed_flops_ratio", executedFlopsRatio(c));
        m.put("images", split.images().stream().map(SplitResult.ImageTime::toJson).toList());
        return m;
    }

    /** The fixed-split line the reports start with. */
    private String splitNote() {
        return String.format("Timing only: ClassSR's tiles routed by the fixed split %s = %s%% (the classifier still runs "
                + "on every tile); no PSNR is reported.", String.join("/", classNames), percents(split.fractions()));
    }

    private Map<String, Object> fractions(double[] f) {
        return ClassCounts.byName(classNames, f);
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** The results as Markdown: methods, breakdown, targets and sweep tables. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Machine: %s, %s cores, %s, PyTorch threads %s (OpenMP wait %s), load average %s at the end; "
                + "%s images, %s timed repeats after %s warm-up pass(es).%n%n",
                machine.get("cpu"), machine.get("cores"), machine.get("java"), machine.get("pytorch_threads"),
                machine.get("omp_wait_policy"), machine.get("load_average_1m") instanceof Double d && d >= 0
                        ? String.format("%.1f", d) : "-",
                ((List<?>) setup.get("images")).size(), setup.get("repeats"), setup.get("warmups")));
        if (split != null) {
            sb.append(splitNote()).append(String.format(" ClassSR is %.2fx faster than \"-O\" per image.%n%n", speedup()));
        }
        sb.append("| method | timed | PSNR-Y (dB) | s/image median [min, max] | output Mpx/s | paper GFLOPs/image | "
                + "executed GFLOPs/image | time ratio | paper FLOPs ratio | executed FLOPs ratio |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MethodResult m : methods) {
            Spread s = m.secondsPerImage();
            sb.append(String.format("| %s | %s | %s | %s [%s, %s] | %.3f | %s | %s | %.3f | %s | %s |%n", m.label(),
                    m.scope(), psnr(m.psnrY()), secs(s.median()), secs(s.min()), secs(s.max()), m.outputMegapixelsPerSecond(),
                    giga(m.paperFlopsPerImage()), giga(m.executedFlopsPerImage()), timeRatio(m),
                    ratio(paperFlopsRatio(m)), ratio(executedFlopsRatio(m))));
        }
        sb.append("\nWhere ClassSR's time goes (mean seconds per image; shares of the engine call, file-to-file parts outside it):\n\n");
        sb.append("| part | s/image | share of engine |\n|---|---:|---:|\n");
        for (Map.Entry<String, Double> e : breakdown.parts().entrySet()) {
            double v = e.getValue();
            boolean inEngine = !List.of("decode", "encode", "spark_overhead").contains(e.getKey());
            sb.append(String.format("| %s | %s | %s |%n", e.getKey().replace('_', ' '), Double.isNaN(v) ? "-" : secs(v),
                    inEngine ? String.format("%.1f%%", 100 * v / breakdown.engine()) : "-"));
        }
        sb.append(String.format("| **engine call** | %s | 100%% |%n", secs(breakdown.engine())));
        if (!Double.isNaN(breakdown.files())) {
            sb.append(String.format("| **engine, file to file** | %s | - |%n", secs(breakdown.files())));
        }
        if (!Double.isNaN(breakdown.spark())) {
            sb.append(String.format("| **Spark job** | %s | - |%n", secs(breakdown.spark())));
        }
        sb.append("\nTargets (issue 5):\n\n").append(Target.markdown(targets()));
        if (split != null) {
            sb.append("\nPer image (median seconds over the timed passes):\n\n| image | tiles | \"-O\" s | ClassSR s | time ratio |\n"
                    + "|---|---:|---:|---:|---:|\n");
            for (SplitResult.ImageTime im : split.images()) {
                sb.append(String.format("| %s | %d | %s | %s | %.3f |%n", im.name(), im.tiles(), secs(im.originalSeconds()),
                        secs(im.classsrSeconds()), im.timeRatio()));
            }
        }
        if (!sweep.isEmpty()) {
            sb.append("\nQuality/cost knob (class-bias = [b, 0, -b]; b > 0 favours the simple branch):\n\n");
            sb.append("| b | ").append(String.join("/", classNames)).append(" % | PSNR-Y (dB) | paper FLOPs ratio | "
                    + "executed FLOPs ratio | s/image | time ratio |\n|---:|---|---:|---:|---:|---:|---:|\n");
            for (SweepPoint p : sweep) {
                sb.append(String.format("| %s%s | %s | %.2f | %.3f | %.3f | %s | %.3f |%n", trim(p.bias()),
                        p.isDefault() ? " (default)" : "", percents(p.classFraction()), p.psnrY(), p.paperFlopsRatio(),
                        p.executedFlopsRatio(), secs(p.secondsPerImage().median()), p.timeRatio()));
            }
        }
        if (budget != null) {
            sb.append('\n').append(budget.line(classNames)).append('\n');
        }
        if (!budgetSweep.isEmpty()) {
            sb.append("\nCompute budget (class-bias chosen per run from the tiles' scores; time includes the scoring):\n\n");
            sb.append("| budget | reached | b | ").append(String.join("/", classNames)).append(" % | PSNR-Y (dB) | "
                    + "paper FLOPs ratio | executed FLOPs ratio | s/image | time ratio |\n"
                    + "|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
            for (BudgetPoint p : budgetSweep) {
                sb.append(String.format("| %.3f | %.4f | %s | %s | %.2f | %.3f | %.3f | %s | %.3f |%n", p.asked(),
                        p.reached(), bias(p.biasRange()), percents(p.classFraction()), p.psnrY(), p.paperFlopsRatio(),
                        p.executedFlopsRatio(), secs(p.secondsPerImage().median()), p.timeRatio()));
            }
        }
        return sb.toString();
    }

    /** A plain-text summary for the terminal. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        if (split != null) {
            sb.append(splitNote()).append('\n');
        }
        String header = String.format("%-36s %8s %22s %8s %9s %9s %7s %7s %7s%n", "method", "PSNR-Y", "s/image med [min,max]",
                "Mpx/s", "pGFLOP/im", "eGFLOP/im", "time", "pFLOPs", "eFLOPs");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (MethodResult m : methods) {
            Spread s = m.secondsPerImage();
            sb.append(String.format("%-36s %8s %22s %8.3f %9s %9s %7.3f %7s %7s%n", m.label(), psnr(m.psnrY()),
                    secs(s.median()) + " [" + secs(s.min()) + "," + secs(s.max()) + "]", m.outputMegapixelsPerSecond(),
                    giga(m.paperFlopsPerImage()), giga(m.executedFlopsPerImage()), timeRatio(m),
                    ratio(paperFlopsRatio(m)), ratio(executedFlopsRatio(m))));
        }
        sb.append("\nClassSR time breakdown (s/image):");
        breakdown.parts().forEach((k, v) -> sb.append(' ').append(k).append('=').append(Double.isNaN(v) ? "-" : secs(v)));
        sb.append(String.format("%nengine %s s/image, file to file %s; non-network share of the engine: %.1f%%%n",
                secs(breakdown.engine()), Double.isNaN(breakdown.files()) ? "-" : secs(breakdown.files()),
                100 * breakdown.nonNetworkFraction()));
        if (split != null) {
            MethodResult c = method("classsr");
            sb.append(String.format("fixed split: ClassSR / -O time %.3f (%.2fx faster), paper FLOPs %.3f, executed FLOPs %.3f%n",
                    timeRatio(c), speedup(), paperFlopsRatio(c), executedFlopsRatio(c)));
            for (SplitResult.ImageTime im : split.images()) {
                sb.append(String.format("  %-30s %5d tiles  -O %s s  ClassSR %s s  time ratio %.3f%n", im.name(), im.tiles(),
                        secs(im.originalSeconds()), secs(im.classsrSeconds()), im.timeRatio()));
            }
        }
        for (Target t : targets()) {
            sb.append(String.format("target %-22s measured %.3f, limit %.3f: %s%n", t.key(), t.measured(), t.limit(),
                    t.met() ? "met" : "NOT met"));
        }
        for (SweepPoint p : sweep) {
            sb.append(String.format("sweep b=%-6s %s PSNR-Y %.2f  paper %.3f  executed %.3f  time %.3f%s%n", trim(p.bias()),
                    percents(p.classFraction()), p.psnrY(), p.paperFlopsRatio(), p.executedFlopsRatio(), p.timeRatio(),
                    p.isDefault() ? "  (default)" : ""));
        }
        if (budget != null) {
            sb.append(budget.line(classNames)).append('\n');
            budget.clamped().forEach(m -> sb.append("budget clamped: ").append(m).append('\n'));
        }
        for (BudgetPoint p : budgetSweep) {
            sb.append(String.format("budget %.3f reached %.4f b=%s %s PSNR-Y %.2f  paper %.3f  executed %.3f  "
                    + "%s s/image  time %.3f%s%n", p.asked(), p.reached(), bias(p.biasRange()), percents(p.classFraction()),
                    p.psnrY(), p.paperFlopsRatio(), p.executedFlopsRatio(), secs(p.secondsPerImage().median()),
                    p.timeRatio(), p.clamped().isEmpty() ? "" : "  (clamped)"));
        }
        return sb.toString();
    }

    private static String bias(double[] range) {
        return range[0] == range[1] ? String.format("%.3f", range[0]) : String.format("%.3f..%.3f", range[0], range[1]);
    }

    private static String percents(double[] f) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < f.length; k++) {
            sb.append(k == 0 ? "" : "/").append(Math.round(100 * f[k]));
        }
        return sb.toString();
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String psnr(double db) {
        return Double.isNaN(db) ? "-" : String.format("%.2f", db);
    }

    private static String secs(double s) {
        return s >= 10 ? String.format("%.1f", s) : s >= 0.1 ? String.format("%.3f", s) : String.format("%.4f", s);
    }

    private static String giga(double flops) {
        return Double.isNaN(flops) ? "-" : String.format("%.2f", flops / 1e9);
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format("%.3f", r);
    }
}
