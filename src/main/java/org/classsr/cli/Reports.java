package org.classsr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.engine.EvalSummary;
import org.classsr.engine.ImageEvaluation;
import org.classsr.engine.MethodScores;
import org.classsr.files.AtomicFiles;
import org.classsr.model.ClassCounts;

/** Tables for people and JSON for programs, from evaluation results. */
final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    static String classCounts(List<String> names, int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < counts.length; k++) {
            sb.append(k == 0 ? "" : " ").append(ClassCounts.name(names, k)).append('=').append(counts[k]);
        }
        return sb.toString();
    }

    /** The eval report: {@code summary} and one entry per image with the same fields. */
    static Map<String, Object> evalJson(EvalSummary summary, List<ImageEvaluation> images, List<String> classNames) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("images", summary.images());
        s.put("psnr_y", scores(summary.psnrY()));
        s.put("ssim_y", scores(summary.ssimY()));
        s.put("class_fraction", ClassCounts.byName(classNames, summary.classFraction()));
        s.put("paper_flops_ratio", summary.paperFlopsRatio());
        s.put("executed_flops_ratio", summary.executedFlopsRatio());
        s.put("seconds", seconds(summary.classsrSeconds(), summary.originalSeconds()));
        s.put("time_ratio", summary.timeRatio());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("summary", s);
        root.put("images", images.stream().map(e -> imageJson(e, classNames)).toList());
        return root;
    }

    /** One entry of the eval report's "images": the summary's fields for one image. */
    private static Map<String, Object> imageJson(ImageEvaluation e, List<String> classNames) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", e.name());
        r.put("width", e.width());
        r.put("height", e.height());
        r.put("tiles", e.classsr().tiles());
        r.put("psnr_y", scores(e.psnrY()));
        r.put("ssim_y", scores(e.ssimY()));
        int[] counts = e.classsr().tilesPerClass();
        r.put("class_fraction", ClassCounts.byName(classNames,
                ClassCounts.fractions(ClassCounts.widened(counts, counts.length), e.classsr().tiles())));
        r.put("paper_flops_ratio", e.paperFlopsRatio());
        r.put("executed_flops_ratio", e.executedFlopsRatio());
        r.put("paper_flops", Map.of("classsr", e.classsr().macs().paperFlops(), "original", e.original().paperFlops()));
        r.put("executed_flops", Map.of("classsr", e.classsr().macs().executedFlops(),
                "original", e.original().executedFlops()));
        r.put("seconds", seconds(e.classsrSeconds(), e.originalSeconds()));
        r.put("time_ratio", e.timeRatio());
        return r;
    }

    private static Map<String, Object> scores(MethodScores m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("classsr", m.classsr());
        r.put("original", m.original());
        r.put("bicubic", m.bicubic());
        return r;
    }

    private static Map<String, Object> seconds(double classsr, double original) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("classsr", classsr);
        r.put("original", original);
        return r;
    }

    /** Why an image failed, for its FAILED line: the exception's message, or the exception where it has none. */
    static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** One FAILED line per input that failed, with its reason: the same lines from every command. */
    static void printFailures(Map<String, String> failures, PrintWriter err) {
        failures.forEach((input, reason) -> err.printf("FAILED %s: %s%n", input, reason));
    }

    /** Writes JSON atomically. */
    static void writeJson(Path file, Object value) throws IOException {
        byte[] json = JSON.writeValueAsBytes(value);
        AtomicFiles.write(file, out -> out.write(json), false);
    }

    /** The eval table: one row per image and a mean row. */
    static String evalTable(EvalSummary summary, List<ImageEvaluation> images, List<String> classNames) {
        StringBuilder sb = new StringBuilder();
        String header = String.format("%-28s %11s %-17s %23s %23s %13s %15s%n", "image", "HR size",
                String.join("/", classNames) + " %", "PSNR-Y ClassSR/-O/bicubic", "SSIM-Y ClassSR/-O/bicubic",
                "FLOPs pap/exe", "seconds CSR/-O");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (ImageEvaluation e : images) {
            int[] counts = e.classsr().tilesPerClass();
            StringBuilder pct = new StringBuilder();
            for (int k = 0; k < counts.length; k++) {
                pct.append(k == 0 ? "" : "/").append(Math.round(100.0 * counts[k] / e.classsr().tiles()));
            }
            sb.append(row(abbreviate(e.name(), 28), e.width() + "x" + e.height(), pct, e.psnrY(), e.ssimY(),
                    e.paperFlopsRatio(), e.executedFlopsRatio(), e.classsrSeconds(), e.originalSeconds()));
        }
        StringBuilder pct = new StringBuilder();
        double[] f = summary.classFraction();
        for (int k = 0; k < f.length; k++) {
            pct.append(k == 0 ? "" : "/").append(Math.round(100 * f[k]));
        }
        sb.append(row("mean of " + summary.images() + " (totals for s)", "", pct, summary.psnrY(), summary.ssimY(),
                summary.paperFlopsRatio(), summary.executedFlopsRatio(), summary.classsrSeconds(),
                summary.originalSeconds()));
        sb.append(String.format("time ratio ClassSR / -O: %.3f%n", summary.timeRatio()));
        return sb.toString();
    }

    /** One line of the eval table: an image, or the mean. */
    private static String row(String name, String size, CharSequence classes, MethodScores psnr, MethodScores ssim,
            double paperFlopsRatio, double executedFlopsRatio, double classsrSeconds, double originalSeconds) {
        return String.format("%-28s %11s %-17s %7.2f/%7.2f/%7.2f %7.4f/%7.4f/%7.4f %6.3f/%6.3f %7.2f/%7.2f%n", name, size,
                classes, psnr.classsr(), psnr.original(), psnr.bicubic(), ssim.classsr(), ssim.original(),
                ssim.bicubic(), paperFlopsRatio, executedFlopsRatio, classsrSeconds, originalSeconds);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max + 3);
    }
}
