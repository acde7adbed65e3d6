package org.classsr.engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;

/**
 * The engine with and without stitching overlapped, in one process, interleaved: today's default
 * (one chunk of up to 2048 tiles, stitched in line), the same chunk size as {@code chunk} stitched in
 * line, and overlapped. LR = {@link Evaluator#lowResolution} of the HR image. Prints per
 * configuration the median seconds per image, the non-network share (1 - forwards / call) and the
 * largest output difference in grey levels against the first. Args: {@code MODEL HR [chunk=256]
 * [rounds=5]}; an HR image larger than 4K is cropped to its top-left 3840x2160; run with the test classpath (README "Performance").
 */
public final class OverlapSideBySide {

    private OverlapSideBySide() {
    }

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        FloatImage hr = fourK(ImageCodec.read(Path.of(args[1])).color().cropToMultiple(4));
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        FloatImage lr = Evaluator.lowResolution(hr, 4);
        try (ClassSrModel model = ModelLoader.load(folder)) {
            EngineSettings base = EngineSettings.defaults();
            EngineSettings small = new EngineSettings(base.batchSize(), base.classifierBatchSize(), chunk,
                    base.classBias());
            Map<String, ClassSrEngine> engines = new LinkedHashMap<>();
            engines.put("inline, chunk " + base.chunkTiles(), new ClassSrEngine(model, base, null, false));
            engines.put("inline, chunk " + chunk, new ClassSrEngine(model, small, null, false));
            engines.put("overlap, chunk " + chunk, new ClassSrEngine(model, small, null, true));
            engines.values().iterator().next().warmUp();
            Map<String, double[]> seconds = new LinkedHashMap<>();
            Map<String, double[]> nonNetwork = new LinkedHashMap<>();
            Map<String, Float> diff = new LinkedHashMap<>();
            float[] reference = null;
            engines.keySet().forEach(k -> {
                seconds.put(k, new double[rounds]);
                nonNetwork.put(k, new double[rounds]);
            });
            for (int r = -1; r < rounds; r++) {
                for (Map.Entry<String, ClassSrEngine> e : engines.entrySet()) {
                    UpscaleResult out = e.getValue().upscale(lr);
                    if (r < 0) { // untimed pass: outputs compared
                        float[] px = out.image().data();
                        if (reference == null) {
                            reference = px;
                        }
                        float m = 0;
                        for (int i = 0; i < px.length; i++) {
                            m = Math.max(m, Math.abs(Math.round(px[i] * 255) - Math.round(reference[i] * 255)));
                        }
                        diff.put(e.getKey(), m);
                        continue;
                    }
                    PhaseTimes t = out.stats().times();
                    seconds.get(e.getKey())[r] = t.totalNanos() / 1e9;
                    nonNetwork.get(e.getKey())[r] = 1.0 - (double) t.forwardNanos() / t.totalNanos();
                }
            }
            System.out.printf("LR %dx%d, %d rounds, threads %s%n", lr.width(), lr.height(), rounds,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            double first = median(seconds.values().iterator().next());
            for (String k : engines.keySet()) {
                double s = median(seconds.get(k));
                System.out.printf("%-20s %.3f s/image  ratio %.3f  non-network %.1f%%  max diff %.0f grey levels%n",
                        k, s, s / first, 100 * median(nonNetwork.get(k)), diff.get(k));
            }
        }
    }

    /** The top-left 3840x2160 of a larger image (a 4K frame), else the image. */
    private static FloatImage fourK(FloatImage img) {
        int w = 3840;
        int h = 2160;
        if (img.width() < w || img.height() < h) {
            return img;
        }
        FloatImage out = FloatImage.zeros(w, h, img.channels());
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.set(c, x, y, img.get(c, x, y));
                }
            }
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
