package org.classsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.classsr.dataset.SampleDataset;
import org.classsr.dataset.ShardFormat;
import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;
import org.classsr.image.Metrics;
import org.classsr.image.Quantize;
import org.classsr.model.ClassCounts;

/**
 * The validation curve of an SR stage: mean PSNR-Y (border = scale, outputs rounded to 8 bits)
 * of the network on a fixed set of validation sub-images, and its gain over bicubic on the same
 * set, measured at every checkpoint. The loss alone cannot say whether a stage still improves
 * on unseen images, nor how far it is from a quality bar stated against bicubic.
 */
final class SrValidation {

    static final int BORDER = 4;
    private static final int BATCH = 128;

    private final SampleDataset data;
    private final int[] samples;
    private final double bicubicPsnr;

    /**
     * The fixed validation sub-images that SR stages and 'package' measure: up to
     * {@code package.val-samples} of them, the same on every run of a seed.
     */
    static int[] samples(TrainSettings settings, int size) {
        return BatchPlan.subset(size, settings.packaging().valSamples(), BatchPlan.mix(settings.seed(), 77));
    }

    /** PSNR-Y (dB, outputs quantised to 8 bits as a saved file) of a network on the given samples. */
    static double[] score(Net net, SampleDataset data, int[] samples, int border, int batch, TrainListener listener) {
        ShardFormat f = data.format();
        double[] psnr = new double[samples.length];
        listener.begin("score", 0, samples.length);
        try {
            for (int from = 0; from < samples.length; from += batch) {
                int[] part = Arrays.copyOfRange(samples, from, Math.min(samples.length, from + batch));
                float[] out;
                try (NDManager scratch = NDManager.newBaseManager()) {
                    NDArray y = net.forward(Batches.loadLr(data, part, scratch), false);
                    out = y.toFloatArray();
                }
                int per = f.hrBytes();
                byte[] hr = new byte[per];
                byte[] lr = new byte[f.lrBytes()];
                for (int k = 0; k < part.length; k++) {
                    data.read(part[k], hr, lr);
                    FloatImage result = Quantize.to8Bit(new FloatImage(f.hrSize(), f.hrSize(), 3,
                            Arrays.copyOfRange(out, k * per, (k + 1) * per)));
                    psnr[from + k] = Math.min(100.0, Metrics.psnrY(result, Batches.hrImage(hr, f), border));
                }
                listener.advance(part.length);
            }
        } finally {
            listener.end();
        }
        return psnr;
    }

    /** @param samples the validation sub-images measured (not empty) */
    SrValidation(SampleDataset data, int[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no validation sub-images to measure");
        }
        this.data = data;
        this.samples = samples.clone();
        this.bicubicPsnr = Arrays.stream(bicubic(data, this.samples)).average().orElseThrow();
    }

    int size() {
        return samples.length;
    }

    double bicubicPsnr() {
        return bicubicPsnr;
    }

    /** {PSNR-Y of the network, its gain over bicubic}, in dB. */
    double[] measure(Net net) {
        double psnr = Arrays.stream(score(net, data, samples, BORDER, BATCH, TrainListener.SILENT))
                .average().orElseThrow();
        return new double[] {psnr, psnr - bicubicPsnr};
    }

    /**
     * ClassSR as the engine runs it on the same sub-images: each routed by the classifier (argmax
     * of its logits plus {@code bias}) to one branch. {PSNR-Y, gain over bicubic, fraction of the
     * sub-images in each class}.
     */
    double[] measureRouted(Net classifier, double[] bias, List<Net> branches) {
        int[] classes = Routing.classes(classifier, data, samples, bias);
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            int[] members = Routing.pick(samples, ClassCounts.members(classes, c));
            if (members.length > 0) {
                sum += Arrays.stream(score(branches.get(c), data, members, BORDER, BATCH,
                        TrainListener.SILENT)).sum();
            }
        }
        double psnr = sum / samples.length;
        double[] f = ClassCounts.fractions(classes, 3);
        return new double[] {psnr, psnr - bicubicPsnr, f[0], f[1], f[2]};
    }

    /** Bicubic x(HR/LR) PSNR-Y of each sample, rounded to 8 bits as the networks' outputs are. */
    static double[] bicubic(SampleDataset data, int[] samples) {
        ShardFormat f = data.format();
        int scale = f.hrSize() / f.lrSize();
        byte[] hr = new byte[f.hrBytes()];
        byte[] lr = new byte[f.lrBytes()];
        double[] psnr = new double[samples.length];
        for (int k = 0; k < samples.length; k++) {
            data.read(samples[k], hr, lr);
            float[] lv = new float[lr.length];
            Batches.toFloats(lr, lv, 0);
            FloatImage up = Quantize.to8Bit(Bicubic.resize(new FloatImage(f.lrSize(), f.lrSize(), f.channels(), lv),
                    scale));
            psnr[k] = Math.min(100, Metrics.psnrY(up, Batches.hrImage(hr, f), BORDER));
        }
        return psnr;
    }
}
