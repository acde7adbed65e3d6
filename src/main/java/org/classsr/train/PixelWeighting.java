package org.classsr.train;

import java.util.Locale;
import org.classsr.tile.Stitcher;

/**
 * How much each pixel of an HR sub-image counts in an SR stage's pixel loss.
 *
 * <p>{@code UNIFORM} counts every pixel alike (ClassSR's loss). {@code FEATHER} counts each pixel
 * by the weight the engine gives it when it blends overlapping tiles ({@link
 * Stitcher#featherWeights} over the shipped tiling, 32 LR step 28: 16-pixel HR ramps), scaled to
 * mean 1. A sub-image is one engine tile, and across an overlap the two tiles' weights sum to 1,
 * so this is the loss of the assembled image: pixels at a tile's edge, which see the zero padding
 * instead of their neighbours, barely show in the output and barely count.
 */
public enum PixelWeighting {
    UNIFORM,
    FEATHER;

    /** Parses a configuration value: "uniform" or "feather". */
    public static PixelWeighting parse(String value) {
        return TrainSettings.parseEnum(values(), value, "a pixel weighting");
    }

    /**
     * The weights of an {@code hrSize} x {@code hrSize} sub-image, row-major with mean 1, or null
     * for uniform weights.
     */
    float[] weights(int hrSize) {
        if (this == UNIFORM) {
            return null;
        }
        int tileHr = Packager.TILE * Packager.SCALE;
        if (hrSize != tileHr) {
            throw new IllegalArgumentException("feather weighting needs sub-images of the engine's tile, " + tileHr
                    + "x" + tileHr + " HR pixels; this dataset's are " + hrSize + "x" + hrSize);
        }
        double[] axis = Stitcher.featherWeights(hrSize, (Packager.TILE - Packager.TILE_STEP) * Packager.SCALE);
        double sum = 0;
        for (double a : axis) {
            sum += a;
        }
        double mean = sum / hrSize;
        float[] w = new float[hrSize * hrSize];
        for (int y = 0; y < hrSize; y++) {
            for (int x = 0; x < hrSize; x++) {
                w[y * hrSize + x] = (float) (axis[y] * axis[x] / (mean * mean));
            }
        }
        return w;
    }

    /** The name in settings and logs. */
    public String term() {
        return name().toLowerCase(Locale.ROOT);
    }
}
