package org.classsr.engine;

/**
 * The classes of an image's tiles (row-major), chosen before the image is upscaled, with the time
 * the classifier took to score them (counted in the image's classify and total time).
 */
public record TileRouting(int[] classes, long classifyNanos) {

    public TileRouting {
        classes = classes.clone();
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }
}
