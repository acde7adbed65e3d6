package org.classsr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;

/** Plain float arrays in and out: a packed tile batch to the network's flattened output. */
final class TileBatchTranslator implements NoBatchifyTranslator<TileBatch, float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, TileBatch batch) {
        NDArray x = ctx.getNDManager().create(FloatBuffer.wrap(batch.data(), 0, batch.values()),
                new Shape(batch.count(), batch.channels(), batch.size(), batch.size()));
        return new NDList(x);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }
}
