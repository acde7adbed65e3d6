package org.classsr.engine;

import java.io.Serializable;
import org.classsr.model.Macs;

/**
 * ClassSR, the "-O" network and bicubic measured on one image against its ground truth.
 *
 * @param width HR width (after cropping to a multiple of the scale)
 * @param height HR height
 * @param classsr ClassSR's statistics (tiles per class, FLOPs, phase times)
 * @param original the "-O" network's MACs over the same tiles
 */
public record ImageEvaluation(
        String name,
        int width,
        int height,
        MethodScores psnrY,
        MethodScores ssimY,
        UpscaleStats classsr,
        Macs original,
        double classsrSeconds,
        double originalSeconds) implements Serializable {

    public double paperFlopsRatio() {
        return classsr.macs().paperRatio(original);
    }

    public double executedFlopsRatio() {
        return classsr.macs().executedRatio(original);
    }

    public double timeRatio() {
        return classsrSeconds / originalSeconds;
    }
}
