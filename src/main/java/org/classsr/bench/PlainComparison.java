package org.classsr.bench;

import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.PhaseTimes;
import org.classsr.engine.UpscaleResult;
import org.classsr.image.FloatImage;
import org.classsr.image.Quantize;
import org.classsr.model.ClassSrModel;

/**
 * The engine against {@link PlainBatched} (issue 22), side by side in one JVM: ClassSR and its "-O"
 * network, each through the engine and through the plain implementation, on the same LR images;
 * optionally the engine's ClassSR at other branch batch sizes (tuning). After warm-ups, every
 * timed pass runs every variant on every image, the variants in an order that rotates from pass
 * to pass so that none always runs first. A sample is one pass's time / images. The first timed
 * pass also compares the engine's and the plain outputs at 8 bits.
 */
public final class PlainComparison {

    /**
     * @param images RGB LR images
     * @param plainBatch tiles per branch forward pass in the plain implementation
     * @param engineBatches extra branch batch sizes to time the engine's ClassSR at (may be empty)
     * @param engineThreads PyTorch intra-op thread counts to also time the engine's ClassSR at (may be empty)
     */
    public record Request(ClassSrModel classsr, ClassSrModel original, EngineSettings engine, List<FloatImage> images,
            int repeats, int warmups, int plainBatch, List<Integer> engineBatches, List<Integer> engineThreads) {

        public Request {
            images = List.copyOf(images);
            engineBatches = List.copyOf(engineBatches);
            engineThreads = List.copyOf(engineThreads);
            if (images.isEmpty() || repeats < 1 || warmups < 0) {
                throw new IllegalArgumentException("need images, repeats >= 1 and warm-ups >= 0");
            }
        }
    }

    private PlainComparison() {
    }

    /** A way to get the HR image, timed. */
    private record Variant(String key, java.util.function.Function<FloatImage, Object> run) {
    }

    public static PlainResult run(Request request, PrintWriter log) {
        EngineSettings settings = request.engine();
        ClassSrEngine engineC = new ClassSrEngine(request.classsr(), settings);
        ClassSrEngine engineO = new ClassSrEngine(request.original(), settings);
        PlainBatched plainC = new PlainBatched(request.classsr(), settings, request.plainBatch(),
                settings.classifierBatchSize());
        PlainBatched plainO = new PlainBatched(request.original(), settings, request.plainBatch(),
                settings.classifierBatchSize());
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("engine_classsr", engineC::upscale));
        variants.add(new Variant("plain_classsr", plainC::upscale));
        variants.add(new Variant("engine_original", engineO::upscale));
        variants.add(new Variant("plain_original", plainO::upscale));
        for (int b : request.engineBatches()) {
            EngineSettings s = new EngineSettings(b, settings.classifierBatchSize(), settings.chunkTiles(),
                    settings.classBias());
            variants.add(new Variant("engine_classsr_batch_" + b, new ClassSrEngine(request.classsr(), s)::upscale));
        }
        variants.add(new Variant("engine_classsr_stitch_inline",
                ClassSrEngine.stitchingInline(request.classsr(), settings)::upscale));
        for (int threads : request.engineThreads()) {
            variants.add(new Variant("engine_classsr_threads_" + threads, lr -> {
                int before = JniUtils.getNumThreads();
                JniUtils.setNumThreads(threads);
                try {
                    return engineC.upscale(lr);
                } finally {
                    JniUtils.setNumThreads(before);
                }
            }));
        }
        say(log, "plain comparison: warming up (PyTorch threads " + JniUtils.getNumThreads() + ")");
        engineC.warmUp();
        engineO.warmUp();
        FloatImage sample = request.images().get(0); // first-call costs of the plain path's batch shapes
        plainC.upscale(sample);
        plainO.upscale(sample);

        int n = request.images().size();
        int v = variants.size();
        double[][] seconds = new double[v][request.repeats()];
        long[] forward = new long[2]; // engine ClassSR, engine -O: forward passes alone
        long[] total = new long[2];
        double[] maxDiff = new double[2]; // ClassSR, -O: max |engine - plain| at 8 bits, in grey levels
        for (int pass = 0; pass < request.warmups() + request.repeats(); pass++) {
            int rep = pass - request.warmups();
            say(log, "plain comparison: " + (rep >= 0 ? "timed pass " + (rep + 1) + "/" + request.repeats()
                    : "warm-up pass " + (pass + 1)));
            for (FloatImage lr : request.images()) {
                Object[] outputs = new Object[v];
                for (int j = 0; j < v; j++) {
                    int which = (pass + j) % v;
                    long t = System.nanoTime();
                    outputs[which] = variants.get(which).run().apply(lr);
                    long dt = System.nanoTime() - t;
                    if (rep >= 0) {
                        seconds[which][rep] += dt / 1e9 / n;
                    }
                }
                if (rep < 0) {
                    continue;
                }
                for (int e = 0; e < 2; e++) {
                    PhaseTimes st = ((UpscaleResult) outputs[2 * e]).stats().times();
                    forward[e] += st.forwardNanos();
                    total[e] += st.totalNanos();
                }
                if (rep == 0) {
                    for (int e = 0; e < 2; e++) {
                        maxDiff[e] = Math.max(maxDiff[e], maxGreyDifference(((UpscaleResult) outputs[2 * e]).image(),
                                (FloatImage) outputs[2 * e + 1]));
                    }
                }
            }
        }
        List<PlainResult.Pair> pairs = List.of(
                new PlainResult.Pair("classsr", request.classsr().spec().name(), Spread.of(seconds[0]),
                        Spread.of(seconds[1]), 1 - (double) forward[0] / total[0], maxDiff[0]),
                new PlainResult.Pair("original", request.original().spec().name() + " (\"-O\")",
                        Spread.of(seconds[2]), Spread.of(seconds[3]), 1 - (double) forward[1] / total[1], maxDiff[1]));
        List<PlainResult.BatchTime> batches = new ArrayList<>();
        batches.add(new PlainResult.BatchTime(settings.batchSize(), Spread.of(seconds[0])));
        for (int i = 0; i < request.engineBatches().size(); i++) {
            batches.add(new PlainResult.BatchTime(request.engineBatches().get(i), Spread.of(seconds[4 + i])));
        }
        int inline = 4 + request.engineBatches().size();
        List<PlainResult.Variant> others = new ArrayList<>();
        others.add(new PlainResult.Variant("stitching on the caller's thread", Spread.of(seconds[inline])));
        for (int i = 0; i < request.engineThreads().size(); i++) {
            others.add(new PlainResult.Variant("PyTorch threads " + request.engineThreads().get(i),
                    Spread.of(seconds[inline + 1 + i])));
        }
        FloatImage first = request.images().get(0);
        int scale = request.classsr().spec().scale();
        double hrPixels = request.images().stream().mapToDouble(im -> (double) im.width() * im.height()).sum()
                * scale * scale / n;
        return new PlainResult(request.plainBatch(), settings.batchSize(), n, first.width(), first.height(), hrPixels,
                request.repeats(), JniUtils.getNumThreads(), pairs, batches, others);
    }

    /** Largest difference between two images at 8 bits, in grey levels (0 when they save identically). */
    public static double maxGreyDifference(FloatImage a, FloatImage b) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            throw new IllegalArgumentException("images differ in size: " + a + " and " + b);
        }
        float[] x = Quantize.to8Bit(a).data();
        float[] y = Quantize.to8Bit(b).data();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return Math.round(max * 255);
    }

    private static void say(PrintWriter log, String line) {
        if (log != null) {
            log.println("bench: " + line);
            log.flush();
        }
    }
}
