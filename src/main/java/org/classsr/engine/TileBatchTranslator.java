package org.classsr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;

/**
 * Plain float arrays in and out: a packed tile batch to the network's flattened output. Keeps the
 * time spent converting (NDArray creation, output copy to Java) so that it can be told apart from
 * the forward pass; one per predictor, so not shared between threads.
 */
final class TileBatchTranslator implements NoBatchifyTranslator<TileBatch, float[]> {

    private long conversionNanos;
    /** Where the next output goes, if set (see {@link #into}); else a new array. */
    private float[] target;
    private int targetOffset;

    @Override
    public NDList processInput(TranslatorContext ctx, TileBatch batch) {
        long t = System.nanoTime();
        NDArray x = ctx.getNDManager().create(FloatBuffer.wrap(batch.data(), 0, batch.values()),
                new Shape(batch.count(), batch.channels(), batch.size(), batch.size()));
        conversionNanos += System.nanoTime() - t;
        return new NDList(x);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        long t = System.nanoTime();
        float[] out;
        if (target == null) {
            out = list.singletonOrThrow().toFloatArray();
        } else {
            // One copy, straight from the native buffer to its final place.
            java.nio.FloatBuffer values = list.singletonOrThrow().toByteBuffer().asFloatBuffer();
            values.get(target, targetOffset, values.remaining());
            out = target;
            target = null;
        }
        conversionNanos += System.nanoTime() - t;
        return out;
    }

    /** The next output is written into {@code dest} from {@code offset} (and returned) instead of a new array. */
    void into(float[] dest, int offset) {
        target = dest;
        targetOffset = offset;
    }

    /** Nanoseconds spent in NDArray creation and output copies so far. */
    long conversionNanos() {
        return conversionNanos;
    }
}
