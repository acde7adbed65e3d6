package org.classsr.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.engine.BudgetPlan;
import org.classsr.geo.GeoStats;
import org.classsr.model.ClassCounts;
import org.classsr.model.CostTally;
import org.classsr.model.Macs;
import org.classsr.model.RoutingCost;

/**
 * The outcome of one run: a row per image written, the failures with reasons, the skipped
 * (already committed) outputs, and the run's wall time; as a table for people and as JSON
 * ({@code summary} with the eval report's keys where they apply, plus images_ok, images_failed,
 * images_skipped and output_megapixels_per_second; and {@code images}).
 *
 * @param classNames the model's class names
 * @param cost the model's networks per tile; its "-O" cost is null if unknown
 * @param io shuffle bytes written and bytes spilled over the run's tasks
 * @param budget what the job's compute budget chose, or null without one
 */
public record JobReport(List<ImageResult> images, Map<String, String> failures, List<String> skipped, double seconds,
        List<String> classNames, RoutingCost cost, TaskIo io,
        BudgetPlan budget, Map<String, GeoStats> geo) {

    public JobReport withBudget(BudgetPlan plan) {
        return new JobReport(images, failures, skipped, seconds, classNames, cost, io,
                plan, geo);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public JobReport {
        images = List.copyOf(images);
        failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        skipped = List.copyOf(skipped);
        io = io == null ? TaskIo.NONE : io;
        geo = geo == null ? Map.of() : Map.copyOf(geo);
    }

    /** A report without a budget or GeoTIFF inputs. */
    public JobReport(List<ImageResult> images, Map<String, String> failures, List<String> skipped, double seconds,
            List<String> classNames, RoutingCost cost, TaskIo io) {
        this(images, failures, skipped, seconds, classNames, cost, io, null, null);
    }

    /** This report with what the geo path did for each raster, by image name. */
    public JobReport withGeo(Map<String, GeoStats> byName) {
        return new JobReport(images, failures, skipped, seconds, classNames, cost,
                io, budget, byName);
    }

    /** The report's "geo" entry of one raster: bands by method, skipped tiles, sample type, range, nodata. */
    static Map<String, Object> geoJson(GeoStats g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classsr_bands", g.classSrBands());
        m.put("bicubic_bands", g.bicubicBands());
        m.put("tiles_skipped_nodata", g.skippedTiles());
        m.put("sample_type", g.sampleType());
        m.put("value_range", List.of(g.rangeLow(), g.rangeHigh()));
        m.put("nodata", g.nodata() == null || g.nodata().isNaN() ? (g.nodata() == null ? null : "nan") : g.nodata());
        return m;
    }

    public int imagesOk() {
        return images.size();
    }

    public int imagesFailed() {
        return failures.size();
    }

    public Macs macs(ImageResult r) {
        return cost.total(r.tilesPerClass());
    }

    public double outputMegapixelsPerSecond() {
        long px = images.stream().mapToLong(ImageResult::outputPixels).sum();
        return seconds > 0 ? px / 1e6 / seconds : 0;
    }

    public long outputPixels() {
        return images.stream().mapToLong(ImageResult::outputPixels).sum();
    }

    /** Shuffle bytes written, all stages, per pixel of the images written (0 with none written). */
    public double shuffleBytesPerOutputPixel() {
        long px = outputPixels();
        return px > 0 ? (double) io.shuffleBytesWritten() / px : 0;
    }

    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        CostTally tally = new CostTally(classNames.size());
        double psnr = 0;
        double ssim = 0;
        int measured = 0;
        double[] taskSeconds = new double[4];
        for (ImageResult r : images) {
            tally.add(r.tilesPerClass(), macs(r));
            double[] t = taskSeconds(r);
            for (int i = 0; i < t.length; i++) {
                taskSeconds[i] += t[i];
            }
            if (!Double.isNaN(r.psnrY())) {
                psnr += r.psnrY();
                ssim += r.ssimY();
                measured++;
            }
        }
        long tiles = tally.tiles();
        s.put("images", images.size() + failures.size() + skipped.size());
        s.put("images_ok", imagesOk());
        s.put("images_failed", imagesFailed());
        s.put("images_skipped", skipped.size());
        s.put("tiles", tiles);
        if (!geo.isEmpty()) {
            s.put("tiles_skipped_nodata", geo.values().stream().mapToInt(GeoStats::skippedTiles).sum());
        }
        s.put("class_fraction", ClassCounts.byName(classNames, tally.fractions()));
        s.put("tiles_per_class", ClassCounts.byName(classNames, tally.tilesPerClass()));
        if (measured > 0) {
            s.put("psnr_y", Map.of("classsr", psnr / measured));
            s.put("ssim_y", Map.of("classsr", ssim / measured));
        }
        s.put("paper_flops", tally.macs().paperFlops());
        s.put("executed_flops", tally.macs().executedFlops());
        if (cost.original() != null && tiles > 0) {
            tally.addOriginal(cost.original().times(tiles));
            s.put("paper_flops_ratio", tally.paperFlopsRatio());
            s.put("executed_flops_ratio", tally.executedFlopsRatio());
        }
        s.put("seconds", Map.of("classsr", seconds));
        s.put("task_seconds", taskSecondsJson(taskSeconds));
        s.put("output_megapixels_per_second", outputMegapixelsPerSecond());
        s.put("shuffle_bytes_written", io.shuffleBytesWritten());
        s.put("shuffle_bytes_per_output_pixel", shuffleBytesPerOutputPixel());
        s.put("spill_bytes", io.spillBytes());
        if (budget != null) {
            s.put("budget", budget.toJson(classNames));
        }
        return s;
    }

    /** Task seconds of one image in its Spark stages: decode, classify, super-resolve, stitch and write. */
    private static double[] taskSeconds(ImageResult r) {
        return new double[] {r.decodeNanos() / 1e9, r.classifyNanos() / 1e9, r.superResolveNanos() / 1e9,
            r.stitchWriteNanos() / 1e9};
    }

    private static Map<String, Object> taskSecondsJson(double[] seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decode", seconds[0]);
        m.put("classify", seconds[1]);
        m.put("super_resolve", seconds[2]);
        m.put("stitch_write", seconds[3]);
        return m;
    }

    /** One entry of the report's "images": an image's sizes, tiles, cost, task time and quality. */
    private Map<String, Object> imageJson(ImageResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("input", r.input());
        m.put("output", r.output());
        m.put("width", r.width());
        m.put("height", r.height());
        m.put("tiles", r.tiles());
        m.put("tiles_per_class", ClassCounts.byName(classNames,
                ClassCounts.widened(r.tilesPerClass(), classNames.size())));
        Macs macs = macs(r);
        m.put("executed_flops", macs.executedFlops());
        m.put("paper_flops", macs.paperFlops());
        m.put("task_seconds", taskSecondsJson(taskSeconds(r)));
        if (geo.containsKey(r.name())) {
            m.put("geo", geoJson(geo.get(r.name())));
        }
        m.put("psnr_y", Double.isNaN(r.psnrY()) ? null : r.psnrY());
        m.put("ssim_y", Double.isNaN(r.ssimY()) ? null : r.ssimY());
        return m;
    }

    public Map<String, Object> toJson() {
        List<Map<String, Object>> rows = images.stream().map(this::imageJson).toList();
        List<Map<String, Object>> failed = new ArrayList<>();
        failures.forEach((input, reason) -> failed.add(Map.of("input", input, "stage", Failures.stageOf(reason),
                "reason", Failures.withoutStage(reason))));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("summary", summary());
        root.put("images", rows);
        root.put("failures", failed);
        root.put("skipped", skipped);
        return root;
    }

    public String json() {
        try {
            return JSON.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the report: " + e.getMessage(), e);
        }
    }

    /** input TAB reason, one line per failed input, with a header line. */
    public String failuresTsv() {
        StringBuilder sb = new StringBuilder("input\tstage\treason\n");
        failures.forEach((input, reason) -> sb.append(input).append('\t').append(Failures.stageOf(reason)).append('\t')
                .append(Failures.withoutStage(reason).replace('\t', ' ').replace('\n', ' ')).append('\n'));
        return sb.toString();
    }

    /** One metrics row per written image (tab-separated, with a header). */
    public String metricsTsv() {
        StringBuilder sb = new StringBuilder("name\twidth\theight\ttiles");
        for (String n : classNames) {
            sb.append("\ttiles_").append(n);
        }
        sb.append("\tpaper_flops\texecuted_flops\tdecode_s\tclassify_s\tsuper_resolve_s\tstitch_write_s\tpsnr_y\tssim_y\n");
        for (ImageResult r : images) {
            Macs macs = macs(r);
            int[] c = r.tilesPerClass();
            sb.append(r.name()).append('\t').append(r.width()).append('\t').append(r.height()).append('\t').append(r.tiles());
            for (int k = 0; k < classNames.size(); k++) {
                sb.append('\t').append(k < c.length ? c[k] : 0);
            }
            sb.append(String.format("\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%s%n", macs.paperFlops(), macs.executedFlops(),
                    r.decodeNanos() / 1e9, r.classifyNanos() / 1e9, r.superResolveNanos() / 1e9,
                    r.stitchWriteNanos() / 1e9, Double.isNaN(r.psnrY()) ? "" : String.format("%.4f", r.psnrY()),
                    Double.isNaN(r.ssimY()) ? "" : String.format("%.5f", r.ssimY())));
        }
        return sb.toString();
    }

    /** The table printed at the end of a run. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        String header = String.format("%-28s %11s %8s %-20s %10s %10s%n", "image", "LR size", "tiles",
                String.join("/", classNames), "GFLOPs pap", "GFLOPs exe");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (ImageResult r : images) {
            StringBuilder counts = new StringBuilder();
            int[] c = r.tilesPerClass();
            for (int k = 0; k < classNames.size(); k++) {
                counts.append(k == 0 ? "" : "/").append(k < c.length ? c[k] : 0);
            }
            Macs macs = macs(r);
            String name = r.name().length() > 28 ? r.name().substring(0, 27) + "~" : r.name();
            sb.append(String.format("%-28s %11s %8d %-20s %10.2f %10.2f%n", name, r.width() + "x" + r.height(),
                    r.tiles(), counts, macs.paperFlops() / 1e9, macs.executedFlops() / 1e9));
        }
        if (budget != null) {
            sb.append(budget.line(classNames)).append('\n');
            budget.clamped().forEach(m -> sb.append("budget clamped: ").append(m).append('\n'));
        }
        sb.append(String.format("%d written, %d failed, %d skipped (already committed) in %.1f s; %.2f output Mpx/s%n",
                imagesOk(), imagesFailed(), skipped.size(), seconds, outputMegapixelsPerSecond()));
        sb.append(String.format("shuffle written %.1f MB (%.2f bytes per output pixel), spilled %.1f MB (memory %.1f, disk %.1f)%n",
                io.shuffleBytesWritten() / 1e6, shuffleBytesPerOutputPixel(), io.spillBytes() / 1e6,
                io.memoryBytesSpilled() / 1e6, io.diskBytesSpilled() / 1e6));
        return sb.toString();
    }
}
