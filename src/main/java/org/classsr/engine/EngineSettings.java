package org.classsr.engine;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How the engine batches and routes tiles. Built once from configuration (classsr.engine) and
 * passed down; executors receive it as a plain value.
 *
 * @param batchSize tiles per forward pass of an SR branch
 * @param classifierBatchSize tiles per forward pass of the classifier
 * @param chunkTiles tiles processed together before their rows are stitched (bounds memory)
 * @param classBias added to the classifier logits before argmax, one value per class
 */
public record EngineSettings(int batchSize, int classifierBatchSize, int chunkTiles, double[] classBias)
        implements Serializable {

    public EngineSettings {
        if (batchSize < 1 || classifierBatchSize < 1 || chunkTiles < 1) {
            throw new IllegalArgumentException("engine batch sizes and chunk must be >= 1, got batch-size "
                    + batchSize + ", classifier-batch-size " + classifierBatchSize + ", chunk-tiles " + chunkTiles);
        }
        classBias = classBias == null ? new double[0] : classBias.clone();
        for (double b : classBias) {
            if (!Double.isFinite(b)) {
                throw new IllegalArgumentException("class-bias values must be finite numbers: " + Arrays.toString(classBias));
            }
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(64, 256, 1024, new double[] {0, 0, 0});
    }

    /** The bias for one class (0 when not given). */
    public double bias(int cls) {
        return cls < classBias.length ? classBias[cls] : 0.0;
    }

    public EngineSettings withClassBias(double[] bias) {
        return new EngineSettings(batchSize, classifierBatchSize, chunkTiles, bias);
    }

    @Override
    public double[] classBias() {
        return classBias.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngineSettings s && batchSize == s.batchSize && classifierBatchSize == s.classifierBatchSize
                && chunkTiles == s.chunkTiles && Arrays.equals(classBias, s.classBias);
    }

    @Override
    public int hashCode() {
        return ((batchSize * 31 + classifierBatchSize) * 31 + chunkTiles) * 31 + Arrays.hashCode(classBias);
    }

    @Override
    public String toString() {
        return "EngineSettings[batchSize=" + batchSize + ", classifierBatchSize=" + classifierBatchSize
                + ", chunkTiles=" + chunkTiles + ", classBias=" + Arrays.toString(classBias) + "]";
    }
}
