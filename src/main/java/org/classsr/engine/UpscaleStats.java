package org.classsr.engine;

import java.io.Serializable;

/**
 * Facts about one upscaled image: tiles per class, the class of every tile (row-major), the cost
 * in multiply-accumulates in both conventions, and the stage times.
 */
public record UpscaleStats(
        int width,
        int height,
        int scale,
        int[] tileClasses,
        int[] tilesPerClass,
        long executedMacs,
        long paperMacs,
        StageTimes times) implements Serializable {

    public UpscaleStats {
        tileClasses = tileClasses.clone();
        tilesPerClass = tilesPerClass.clone();
    }

    public int tiles() {
        return tileClasses.length;
    }

    /** FLOPs = 2 x multiply-accumulates. */
    public long executedFlops() {
        return 2 * executedMacs;
    }

    public long paperFlops() {
        return 2 * paperMacs;
    }

    public double seconds() {
        return times.totalNanos() / 1e9;
    }

    @Override
    public int[] tileClasses() {
        return tileClasses.clone();
    }

    @Override
    public int[] tilesPerClass() {
        return tilesPerClass.clone();
    }
}
