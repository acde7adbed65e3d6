package org.classsr.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PlainComparison}'s answer: the engine against the plain batched implementation, for
 * ClassSR and for its "-O" network, with issue 22's targets.
 *
 * @param plainBatch tiles per branch forward pass in the plain implementation
 * @param engineBatch the engine's branch batch size (its settings)
 * @param images images timed
 * @param lrWidth the first image's LR width
 * @param lrHeight the first image's LR height
 * @param hrPixels mean HR pixels per image
 * @param repeats timed passes
 * @param pairs ClassSR, then "-O"
 * @param threads PyTorch intra-op threads (the engine's and the plain runs')
 * @param engineBatches the engine's ClassSR time at each branch batch size timed (its own first)
 * @param engineVariants the engine's ClassSR changed in one way each (stitching in line, threads)
 */
public record PlainResult(int plainBatch, int engineBatch, int images, int lrWidth, int lrHeight, double hrPixels,
        int repeats, int threads, List<Pair> pairs, List<BatchTime> engineBatches, List<Variant> engineVariants) {

    /** HR pixels of a 3840 x 2160 frame. */
    public static final double FRAME_4K = 3840.0 * 2160;
    /** ClassSR engine time per 3840 x 2160 HR frame, at most (issue 22: per 4K photo, 2 cores). */
    public static final double MAX_CLASSSR_SECONDS = 0.25;
    /** ClassSR engine / plain, at most. */
    public static final double MAX_CLASSSR_RATIO = 0.6;
    /** "-O" engine / plain, at most. */
    public static final double MAX_ORIGINAL_RATIO = 0.9;
    /** Share of the engine's time outside the forward passes, at most. */
    public static final double MAX_NON_NETWORK = 0.15;
    /** Engine and plain outputs may differ by this many grey levels at most. */
    public static final double MAX_GREY_LEVELS = 1;

    public PlainResult {
        pairs = List.copyOf(pairs);
        engineBatches = List.copyOf(engineBatches);
        engineVariants = List.copyOf(engineVariants);
    }

    /**
     * One network pair.
     *
     * @param key "classsr" or "original"
     * @param label model name
     * @param engine the engine's seconds per image
     * @param plain the plain implementation's seconds per image
     * @param engineNonNetwork the engine's share of time outside the forward passes
     * @param maxGreyLevels the largest engine-vs-plain difference at 8 bits, in grey levels
     */
    public record Pair(String key, String label, Spread engine, Spread plain, double engineNonNetwork,
            double maxGreyLevels) {

        /** Engine / plain, median over median. */
        public double ratio() {
            return engine.median() / plain.median();
        }

        /** Engine / plain within each pass (the two ran minutes apart at most), the median over passes. */
        public double pairedRatio() {
            double[] e = engine.samples();
            double[] p = plain.samples();
            double[] r = new double[e.length];
            for (int i = 0; i < e.length; i++) {
                r[i] = e[i] / p[i];
            }
            return Spread.of(r).median();
        }

        /** The report's row for this network (an entry of "pairs"). */
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("network", key);
            m.put("label", label);
            m.put("engine_seconds_per_image", engine);
            m.put("plain_seconds_per_image", plain);
            m.put("engine_over_plain", ratio());
            m.put("engine_over_plain_paired", pairedRatio());
            m.put("engine_non_network_fraction", engineNonNetwork);
            m.put("max_grey_levels", maxGreyLevels);
            return m;
        }
    }

    /** The engine's ClassSR at one branch batch size. */
    public record BatchTime(int batch, Spread seconds) {}

    /** The engine's ClassSR with one thing changed, described by {@code label}. */
    public record Variant(String label, Spread seconds) {}

    /** The engine's ClassSR seconds per 3840 x 2160 HR frame: its median per image scaled by pixels. */
    public double classsrSecondsPer4k() {
        return pair("classsr").engine().median() * FRAME_4K / hrPixels;
    }

    public Pair pair(String key) {
        return pairs.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }

    /** Issue 22's targets, each with measured value, limit and whether it is met. */
    public List<BenchReport.Target> targets() {
        Pair c = pair("classsr");
        Pair o = pair("original");
        return List.of(
                new BenchReport.Target("classsr_seconds_per_4k", String.format("ClassSR engine s per 3840x2160 frame (s/image"
                        + " x 8.29 / %.2f HR Mpx)", hrPixels / 1e6), classsrSecondsPer4k(), MAX_CLASSSR_SECONDS),
                new BenchReport.Target("classsr_over_plain", "ClassSR engine / plain batched", c.ratio(),
                        MAX_CLASSSR_RATIO),
                new BenchReport.Target("original_over_plain", "\"-O\" engine / plain batched", o.ratio(),
                        MAX_ORIGINAL_RATIO),
                new BenchReport.Target("non_network_fraction", "ClassSR engine time outside forward passes",
                        c.engineNonNetwork(), MAX_NON_NETWORK),
                new BenchReport.Target("grey_levels", "engine vs plain output, max grey levels (both pairs)",
                        Math.max(c.maxGreyLevels(), o.maxGreyLevels()), MAX_GREY_LEVELS));
    }

    /** Plain-text table. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(
                "engine vs plain batched (plain batch %d, engine batch %d; %d images, first LR %dx%d, mean HR %.2f Mpx,"
                + " %d passes)%n", plainBatch, engineBatch, images, lrWidth, lrHeight, hrPixels / 1e6, repeats));
        sb.append(String.format("%-26s %24s %24s %8s %8s %12s %6s%n", "network", "engine s/image", "plain s/image",
                "ratio", "paired", "non-network", "grey"));
        for (Pair p : pairs) {
            sb.append(String.format("%-26s %24s %24s %8.3f %8.3f %11.1f%% %6.0f%n", p.label(), spread(p.engine()),
                    spread(p.plain()), p.ratio(), p.pairedRatio(), 100 * p.engineNonNetwork(), p.maxGreyLevels()));
        }
        for (BatchTime b : engineBatches) {
            sb.append(String.format("engine ClassSR at branch batch %d: %s%n", b.batch(), spread(b.seconds())));
        }
        for (Variant v : engineVariants) {
            sb.append(String.format("engine ClassSR, %s: %s%n", v.label(), spread(v.seconds())));
        }
        for (BenchReport.Target t : targets()) {
            sb.append(String.format("target %-60s %8.3f <= %.3f %s%n", t.description(), t.measured(), t.limit(),
                    t.met() ? "met" : "NOT met"));
        }
        return sb.toString();
    }

    /** Markdown section. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("## Engine against a plain batched implementation\n\n");
        sb.append(String.format("Plain: tile all, classify all, each class in batches of %d, stitch at the end. "
                + "Engine branch batch %d. %d images (first LR %dx%d, mean HR %.2f Mpx), %d timed passes, variants "
                + "interleaved, PyTorch threads %d.%n%n", plainBatch, engineBatch, images, lrWidth, lrHeight,
                hrPixels / 1e6, repeats, threads));
        sb.append("| network | engine s/image median [min, max] | plain s/image median [min, max] | engine / plain "
                + "| same, median of per-pass ratios | engine non-network share | max grey-level difference |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Pair p : pairs) {
            sb.append(String.format("| %s | %s | %s | %.3f | %.3f | %.1f%% | %.0f |%n", p.label(), spread(p.engine()),
                    spread(p.plain()), p.ratio(), p.pairedRatio(), 100 * p.engineNonNetwork(), p.maxGreyLevels()));
        }
        sb.append("\n| engine ClassSR variant | s/image median [min, max] | / engine |\n|---|---:|---:|\n");
        double base = pair("classsr").engine().median();
        for (BatchTime b : engineBatches) {
            sb.append(String.format("| branch batch %d%s | %s | %.3f |%n", b.batch(), b.batch() == engineBatch
                    ? " (engine)" : "", spread(b.seconds()), b.seconds().median() / base));
        }
        for (Variant v : engineVariants) {
            sb.append(String.format("| %s | %s | %.3f |%n", v.label(), spread(v.seconds()), v.seconds().median() / base));
        }
        sb.append('\n').append(BenchReport.Target.markdown(targets()));
        return sb.toString();
    }

    /** JSON object. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plain_batch", plainBatch);
        root.put("engine_batch", engineBatch);
        root.put("images", images);
        root.put("lr_width", lrWidth);
        root.put("lr_height", lrHeight);
        root.put("hr_megapixels_per_image", hrPixels / 1e6);
        root.put("repeats", repeats);
        root.put("classsr_engine_seconds_per_4k_frame", classsrSecondsPer4k());
        root.put("pairs", pairs.stream().map(Pair::toJson).toList());
        List<Map<String, Object>> batches = new ArrayList<>();
        for (BatchTime b : engineBatches) {
            batches.add(Map.of("batch", b.batch(), "seconds_per_image", b.seconds()));
        }
        root.put("engine_classsr_by_batch", batches);
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Variant v : engineVariants) {
            variants.add(Map.of("variant", v.label(), "seconds_per_image", v.seconds()));
        }
        root.put("engine_classsr_variants", variants);
        root.put("pytorch_threads", threads);
        Map<String, Object> targets = new LinkedHashMap<>();
        for (BenchReport.Target t : targets()) {
            targets.put(t.key(), Map.of("measured", t.measured(), "limit", t.limit(), "met", t.met()));
        }
        root.put("targets", targets);
        return root;
    }

    private static String spread(Spread s) {
        return String.format("%.3f [%.3f, %.3f]", s.median(), s.min(), s.max());
    }
}
