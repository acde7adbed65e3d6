package org.classsr.image;

/**
 * Rounds samples to the levels a file can hold, as saving and reloading would. Metrics are
 * computed on quantised outputs so that they match what a user gets from the saved file.
 */
public final class Quantize {

    private Quantize() {
    }

    /** Each value clamped to [0, 1] and rounded to the nearest k/255. */
    public static FloatImage to8Bit(FloatImage image) {
        return toLevels(image, 255);
    }

    /** Each value clamped to [0, 1] and rounded to the nearest k/65535. */
    public static FloatImage to16Bit(FloatImage image) {
        return toLevels(image, 65535);
    }

    private static FloatImage toLevels(FloatImage image, int max) {
        float[] src = image.data();
        float[] dst = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            dst[i] = Levels.level(src[i], max) / (float) max;
        }
        return new FloatImage(image.width(), image.height(), image.channels(), dst);
    }
}
