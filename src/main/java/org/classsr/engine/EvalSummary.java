package org.classsr.engine;

import java.util.List;
import org.classsr.model.CostTally;

/**
 * Means and ratios over the evaluated images: PSNR/SSIM are per-image means; class fractions,
 * FLOPs and seconds are totals over all tiles and images (ratios are ClassSR / original).
 */
public record EvalSummary(
        int images,
        MethodScores psnrY,
        MethodScores ssimY,
        List<String> classNames,
        double[] classFraction,
        double paperFlopsRatio,
        double executedFlopsRatio,
        double classsrSeconds,
        double originalSeconds) {

    public double timeRatio() {
        return classsrSeconds / originalSeconds;
    }

    public static EvalSummary of(List<ImageEvaluation> evaluations, List<String> classNames) {
        int n = evaluations.size();
        if (n == 0) {
            throw new IllegalArgumentException("no images were evaluated");
        }
        double[] psnr = new double[3];
        double[] ssim = new double[3];
        CostTally cost = new CostTally(classNames.size());
        double secs = 0;
        double secsO = 0;
        for (ImageEvaluation e : evaluations) {
            psnr[0] += e.psnrY().classsr();
            psnr[1] += e.psnrY().original();
            psnr[2] += e.psnrY().bicubic();
            ssim[0] += e.ssimY().classsr();
            ssim[1] += e.ssimY().original();
            ssim[2] += e.ssimY().bicubic();
            cost.add(e.classsr().tilesPerClass(), e.classsr().macs());
            cost.addOriginal(e.original());
            secs += e.classsrSeconds();
            secsO += e.originalSeconds();
        }
        return new EvalSummary(n,
                new MethodScores(psnr[0] / n, psnr[1] / n, psnr[2] / n),
                new MethodScores(ssim[0] / n, ssim[1] / n, ssim[2] / n),
                List.copyOf(classNames), cost.fractions(), cost.paperFlopsRatio(), cost.executedFlopsRatio(), secs, secsO);
    }
}
