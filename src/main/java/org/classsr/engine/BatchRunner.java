package org.classsr.engine;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import org.classsr.model.LoadedNetwork;

/** Runs one network over many packed tiles in batches; one per thread, always closed. */
final class BatchRunner implements AutoCloseable {

    private final LoadedNetwork network;
    private final Predictor<TileBatch, float[]> predictor;
    private final int batchSize;
    private final int channels;
    private final int size;
    private final float[] batchBuffer;

    BatchRunner(LoadedNetwork network, int batchSize, int channels, int size) {
        this.network = network;
        this.predictor = network.model().newPredictor(new TileBatchTranslator());
        this.batchSize = batchSize;
        this.channels = channels;
        this.size = size;
        this.batchBuffer = new float[batchSize * channels * size * size];
    }

    /**
     * Runs the tiles {@code indices} of {@code tiles} (packed CHW tiles, indexed from 0) and
     * returns their outputs packed in the same order.
     */
    float[] run(float[] tiles, int[] indices) {
        int tileLen = channels * size * size;
        float[] out = null;
        int outLen = 0;
        for (int start = 0; start < indices.length; start += batchSize) {
            int n = Math.min(batchSize, indices.length - start);
            for (int i = 0; i < n; i++) {
                System.arraycopy(tiles, indices[start + i] * tileLen, batchBuffer, i * tileLen, tileLen);
            }
            float[] result = predict(new TileBatch(batchBuffer, n, channels, size));
            if (out == null) {
                outLen = result.length / n;
                out = new float[Math.multiplyExact(outLen, indices.length)];
            }
            System.arraycopy(result, 0, out, start * outLen, n * outLen);
        }
        return out == null ? new float[0] : out;
    }

    private float[] predict(TileBatch batch) {
        try {
            return predictor.predict(batch);
        } catch (TranslateException e) {
            throw new IllegalStateException("network '" + network.name() + "' failed on a batch of "
                    + batch.count() + " tiles: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
