package org.classsr.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.classsr.files.AtomicFiles;
import org.classsr.model.ClassCounts;

/**
 * The split of training sub-images into simple / medium / hard by the PSNR a reference network
 * reaches on them: sorted by PSNR, the lowest third is hard, the middle third medium, the top
 * third simple (sizes differ by at most one; ties are broken by sample index, so the classes are
 * equal even when many scores are equal). The thresholds are the midpoints between the
 * neighbouring scores at the two cuts, ascending (hard | medium, medium | simple), as upstream's
 * "27.17 dB and 35.15 dB".
 *
 * @param psnr       score per sample (dB)
 * @param classes    class per sample: {@link #SIMPLE}, {@link #MEDIUM}, {@link #HARD}
 * @param thresholds the two thresholds (dB), ascending
 */
public record Division(double[] psnr, int[] classes, double[] thresholds) {

    public static final int SIMPLE = 0;
    public static final int MEDIUM = 1;
    public static final int HARD = 2;
    public static final List<String> NAMES = List.of("simple", "medium", "hard");
    static final String SCORES = "scores.csv";

    /** Divides scores into three classes of equal size. */
    public static Division of(double[] psnr) {
        int n = psnr.length;
        if (n < 3) {
            throw new IllegalArgumentException("need at least 3 scored sub-images to divide, got " + n);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> psnr[i]).thenComparingInt(i -> i));
        int b1 = (int) Math.round(n / 3.0);
        int b2 = (int) Math.round(2 * n / 3.0);
        int[] classes = new int[n];
        for (int r = 0; r < n; r++) {
            classes[order[r]] = r < b1 ? HARD : r < b2 ? MEDIUM : SIMPLE;
        }
        double t1 = (psnr[order[b1 - 1]] + psnr[order[b1]]) / 2;
        double t2 = (psnr[order[b2 - 1]] + psnr[order[b2]]) / 2;
        return new Division(psnr, classes, new double[] {t1, t2});
    }

    /** The class of a sub-image that scores {@code psnr} dB (hard below the lower threshold). */
    public int classOf(double psnr) {
        return psnr < thresholds[0] ? HARD : psnr < thresholds[1] ? MEDIUM : SIMPLE;
    }

    /** Dataset indices of one class, ascending. */
    public int[] members(int cls) {
        return ClassCounts.members(classes, cls);
    }

    public long[] counts() {
        long[] c = new long[3];
        for (int k : classes) {
            c[k]++;
        }
        return c;
    }

    /** Writes {@code scores.csv} (sample, psnr, class). */
    void writeScores(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("sample,psnr_db,class\n");
        for (int i = 0; i < psnr.length; i++) {
            sb.append(i).append(',').append(psnr[i]).append(',')
                    .append(NAMES.get(classes[i])).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(SCORES), sb.toString());
    }

    /** Reads a division written by {@link #writeScores} (thresholds recomputed from the scores). */
    public static Division read(Path dir) throws IOException {
        Path f = dir.resolve(SCORES);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(f + " not found: run the 'divide' stage first");
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        double[] psnr = new double[lines.size() - 1];
        int[] classes = new int[psnr.length];
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",");
            psnr[i - 1] = Double.parseDouble(p[1]);
            classes[i - 1] = NAMES.indexOf(p[2]);
        }
        Division d = of(psnr);
        if (!Arrays.equals(d.classes(), classes)) {
            throw new IllegalStateException(f + ": classes do not match the scores");
        }
        return d;
    }

    /** Histogram of the scores in bins of {@code width} dB: rows of (low, high, count). */
    List<double[]> histogram(double width) {
        double lo = Math.floor(Arrays.stream(psnr).min().orElse(0) / width) * width;
        double hi = Arrays.stream(psnr).max().orElse(0);
        int bins = Math.max(1, (int) Math.floor((hi - lo) / width) + 1);
        long[] counts = new long[bins];
        for (double v : psnr) {
            counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        }
        List<double[]> rows = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            rows.add(new double[] {lo + b * width, lo + (b + 1) * width, counts[b]});
        }
        return rows;
    }
}
