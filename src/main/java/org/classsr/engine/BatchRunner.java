package org.classsr.engine;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/** Runs one network over many packed tiles in batches; one per thread, always closed. */
final class BatchRunner implements AutoCloseable {

    private final String name;
    private final Predictor<TileBatch, float[]> predictor;
    private final int batchSize;
    private final int channels;
    private final int size;
    private final float[] batchBuffer;
    private final TileBatchTranslator translator = new TileBatchTranslator();
    private long copyNanos;

    /** Runs {@code model} (the loaded network {@code name}, on its device). */
    BatchRunner(Model model, String name, int batchSize, int channels, int size) {
        this.name = name;
        this.predictor = model.newPredictor(translator);
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
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                System.arraycopy(tiles, indices[start + i] * tileLen, batchBuffer, i * tileLen, tileLen);
            }
            copyNanos += System.nanoTime() - t;
            float[] result = predict(new TileBatch(batchBuffer, n, channels, size));
            t = System.nanoTime();
            if (out == null) {
                outLen = result.length / n;
                out = new float[Math.multiplyExact(outLen, indices.length)];
            }
            System.arraycopy(result, 0, out, start * outLen, n * outLen);
            copyNanos += System.nanoTime() - t;
        }
        return out == null ? new float[0] : out;
    }

    /**
     * Runs the tiles {@code indices[from .. from + count - 1]} (at most one batch) and writes their
     * outputs, packed in that order, into {@code out} from {@code outOffset}: one copy from the
     * network's output, none through an intermediate array.
     */
    void runInto(float[] tiles, int[] indices, int from, int count, float[] out, int outOffset) {
        if (count < 1 || count > batchSize) {
            throw new IllegalArgumentException("a batch of " + count + " tiles; the batch size is " + batchSize);
        }
        int tileLen = channels * size * size;
        long t = System.nanoTime();
        for (int i = 0; i < count; i++) {
            System.arraycopy(tiles, indices[from + i] * tileLen, batchBuffer, i * tileLen, tileLen);
        }
        copyNanos += System.nanoTime() - t;
        translator.into(out, outOffset);
        try {
            predict(new TileBatch(batchBuffer, count, channels, size));
        } finally {
            translator.into(null, 0);
        }
    }

    /**
     * Nanoseconds so far spent converting rather than computing: packing tiles into the batch
     * buffer, creating the input NDArray, copying the output back to Java and into the result.
     */
    long conversionNanos() {
        return copyNanos + translator.conversionNanos();
    }

    private float[] predict(TileBatch batch) {
        try {
            return predictor.predict(batch);
        } catch (TranslateException e) {
            throw new IllegalStateException("network '" + name + "' failed on a batch of "
                    + batch.count() + " tiles: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
