package org.classsr.engine;

import java.io.Serializable;

/**
 * ClassSR, the "-O" network and bicubic measured on one image against its ground truth.
 *
 * @param width HR width (after cropping to a multiple of the scale)
 * @param height HR height
 * @param classsr ClassSR's statistics (tiles per class, FLOPs, stage times)
 * @param originalExecutedMacs the "-O" network's executed MACs over the same tiles
 * @param originalPaperMacs the "-O" network's MACs in the paper's convention
 */
public record ImageEvaluation(
        String name,
        int width,
        int height,
        MethodScores psnrY,
        MethodScores ssimY,
        UpscaleStats classsr,
        long originalExecutedMacs,
        long originalPaperMacs,
        double classsrSeconds,
        double originalSeconds) implements Serializable {

    public double paperFlopsRatio() {
        return (double) classsr.paperMacs() / originalPaperMacs;
    }

    public double executedFlopsRatio() {
        return (double) classsr.executedMacs() / originalExecutedMacs;
    }

    public double timeRatio() {
        return classsrSeconds / originalSeconds;
    }
}
