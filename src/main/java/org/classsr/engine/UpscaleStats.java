package org.classsr.engine;

import java.io.Serializable;
import org.classsr.model.Macs;

/**
 * Facts about one upscaled image: tiles per class, the class of every tile (row-major), the cost
 * in multiply-accumulates in both conventions, and the time of each phase.
 */
public record UpscaleStats(
        int width,
        int height,
        int scale,
        int[] tileClasses,
        int[] tilesPerClass,
        Macs macs,
        PhaseTimes times) implements Serializable {

    public UpscaleStats {
        tileClasses = tileClasses.clone();
        tilesPerClass = tilesPerClass.clone();
    }

    public int tiles() {
        return tileClasses.length;
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
