package org.classsr.engine;

import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;
import org.classsr.image.Metrics;
import org.classsr.image.Quantize;

/**
 * Measures ClassSR against its "-O" network and bicubic on one image, the way SR papers do: the
 * HR image is cropped to a multiple of the scale, the LR input is the given one or MATLAB-bicubic
 * x1/scale of the HR (rounded to 8 bits, as a saved LR file would be), every result is rounded
 * to 8 bits, and PSNR/SSIM are taken on Y with {@code scale} border pixels cropped.
 *
 * <p>A single network (an "-O" model folder) is measured against bicubic by passing its engine
 * as both: it runs once per image and fills both columns.
 */
public final class Evaluator {

    private final ClassSrEngine classsr;
    private final ClassSrEngine original;

    public Evaluator(ClassSrEngine classsr, ClassSrEngine original) {
        if (classsr.scale() != original.scale()) {
            throw new IllegalArgumentException("ClassSR model is x" + classsr.scale() + " but the original is x"
                    + original.scale());
        }
        this.classsr = classsr;
        this.original = original;
    }

    /** Warms both engines so the timed runs are comparable. */
    public void warmUp() {
        classsr.warmUp();
        if (!singleNetwork()) {
            original.warmUp();
        }
    }

    /** True when one network is measured (the same engine given as ClassSR and as "-O"). */
    public boolean singleNetwork() {
        return classsr == original;
    }

    /**
     * @param lr the LR input, or null to make it from {@code hr}
     */
    public ImageEvaluation evaluate(String name, FloatImage hr, FloatImage lr) {
        return evaluate(name, hr, lr, null);
    }

    /**
     * @param routing the ClassSR routing of the LR input (by a budget), or null to classify it
     */
    public ImageEvaluation evaluate(String name, FloatImage hr, FloatImage lr,
            java.util.function.Function<FloatImage, TileRouting> routing) {
        int scale = classsr.scale();
        FloatImage truth = hr.cropToMultiple(scale);
        FloatImage input = input(truth, lr);
        if (input.width() * scale != truth.width() || input.height() * scale != truth.height()) {
            throw new IllegalArgumentException(name + ": LR " + input.width() + "x" + input.height() + " x" + scale
                    + " does not match HR " + truth.width() + "x" + truth.height());
        }
        if (input.channels() != truth.channels()) {
            throw new IllegalArgumentException(name + ": LR has " + input.channels() + " channels, HR "
                    + truth.channels());
        }

        UpscaleResult routed = routing == null ? classsr.upscale(input)
                : classsr.upscale(input, ProgressListener.NONE, routing.apply(input));
        UpscaleResult plain = singleNetwork() ? routed : original.upscale(input);
        FloatImage bicubic = bicubicUpscale(input, scale);
        FloatImage routedImage = Quantize.to8Bit(routed.image());
        FloatImage plainImage = Quantize.to8Bit(plain.image());

        MethodScores psnr = new MethodScores(
                Metrics.psnrY(routedImage, truth, scale),
                Metrics.psnrY(plainImage, truth, scale),
                Metrics.psnrY(bicubic, truth, scale));
        MethodScores ssim = new MethodScores(
                Metrics.ssimY(routedImage, truth, scale),
                Metrics.ssimY(plainImage, truth, scale),
                Metrics.ssimY(bicubic, truth, scale));
        return new ImageEvaluation(name, truth.width(), truth.height(), psnr, ssim, routed.stats(),
                plain.stats().macs(), routed.stats().seconds(), plain.stats().seconds());
    }

    /** The LR input evaluated for this ground truth: {@code lr} if given, else made from {@code hr}. */
    public FloatImage input(FloatImage hr, FloatImage lr) {
        return lr != null ? lr : lowResolution(hr.cropToMultiple(classsr.scale()), classsr.scale());
    }

    /**
     * The LR input made from a ground truth already cropped to a multiple of the scale: MATLAB
     * bicubic x1/scale, rounded to 8 bits as a saved LR file would be.
     */
    public static FloatImage lowResolution(FloatImage truth, int scale) {
        return Quantize.to8Bit(Bicubic.downscale(truth, scale));
    }

    /** The bicubic baseline: MATLAB bicubic x scale, rounded to 8 bits. */
    public static FloatImage bicubicUpscale(FloatImage lr, int scale) {
        return Quantize.to8Bit(Bicubic.resize(lr, scale));
    }

    /** PSNR on Y of an output against its ground truth, as {@link #evaluate} scores: rounded to 8 bits, {@code scale} border pixels cropped. */
    public static double psnrY(FloatImage output, FloatImage truth, int scale) {
        return Metrics.psnrY(Quantize.to8Bit(output), truth, scale);
    }

}
