package org.classsr.train;

import java.util.Arrays;
import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;
import org.classsr.image.Metrics;
import org.classsr.image.Quantize;

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
        double psnr = Arrays.stream(Training.score(net, data, samples, BORDER, BATCH, TrainListener.SILENT))
                .average().orElseThrow();
        return new double[] {psnr, psnr - bicubicPsnr};
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
            psnr[k] = Math.min(100, Metrics.psnrY(up, Training.hrImage(hr, f), BORDER));
        }
        return psnr;
    }
}
