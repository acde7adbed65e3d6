package org.classsr.bench;

/**
 * One method measured on the benchmark images.
 *
 * @param key short name used in JSON ({@code bicubic}, {@code original}, {@code classsr}, {@code classsr_files}, {@code spark})
 * @param label name for people
 * @param scope what the timed region covers ({@link #IN_MEMORY} or {@link #FILES})
 * @param psnrY mean PSNR-Y over the images, as {@code eval} measures it
 * @param secondsPerImage seconds per image, one sample per timed repeat (that repeat's total / images)
 * @param outputPixelsPerImage mean output pixels per image
 * @param paperFlopsPerImage mean paper-convention FLOPs per image (NaN where not a network)
 * @param executedFlopsPerImage mean executed FLOPs per image (NaN where not a network)
 * @param classFraction share of tiles per class, or null for a method without routing
 */
public record MethodResult(String key, String label, String scope, double psnrY, Spread secondsPerImage,
        double outputPixelsPerImage, double paperFlopsPerImage, double executedFlopsPerImage, double[] classFraction) {

    public static final String IN_MEMORY = "LR array -> HR array";
    public static final String FILES = "LR PNG file -> HR PNG file";

    public MethodResult {
        classFraction = classFraction == null ? null : classFraction.clone();
    }

    /** Output megapixels per second at the median time. */
    public double outputMegapixelsPerSecond() {
        return outputPixelsPerImage / 1e6 / secondsPerImage.median();
    }

    @Override
    public double[] classFraction() {
        return classFraction == null ? null : classFraction.clone();
    }
}
