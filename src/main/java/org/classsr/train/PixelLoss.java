package org.classsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * The pixel loss of an SR stage on [0, 1] pixels. L1 (mean absolute error) is ClassSR's and the
 * default everywhere; L2 (mean squared error) is what PSNR measures, so a last low-rate
 * continuation with it is a common way to raise PSNR after training with L1.
 */
public enum PixelLoss {
    L1,
    L2;

    /** Parses a configuration value: "l1" or "l2". */
    public static PixelLoss parse(String value) {
        return TrainSettings.parseEnum(values(), value, "a training loss");
    }

    /** The loss-log column of this loss. */
    public String term() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sum over all elements of the per-element loss of {@code output - target}. */
    NDArray sum(NDArray output, NDArray target) {
        return sum(output, target, null);
    }

    /**
     * Sum over all elements of the per-element loss of {@code output - target} (N, C, H, W), each
     * element times the weight of its pixel ({@code pixelWeights}: H x W, row-major, the same for
     * every sample and channel; null = all 1).
     */
    NDArray sum(NDArray output, NDArray target, float[] pixelWeights) {
        NDArray d = output.sub(target);
        NDArray e = this == L1 ? d.abs() : d.square();
        if (pixelWeights == null) {
            return e.sum();
        }
        Shape s = target.getShape();
        NDArray w = d.getManager().create(pixelWeights, new Shape(s.get(s.dimension() - 2), s.get(s.dimension() - 1)));
        return e.mul(w).sum();
    }

    /** Mean over all elements. */
    NDArray mean(NDArray output, NDArray target) {
        return mean(output, target, null);
    }

    /** Weighted mean over all elements (weights of mean 1, as {@link PixelWeighting} makes them). */
    NDArray mean(NDArray output, NDArray target, float[] pixelWeights) {
        return sum(output, target, pixelWeights).div((float) target.size());
    }
}
