package org.classsr.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.classsr.engine.TileProcessor;
import org.classsr.model.ClassBias;

/**
 * Stage 1 (mapPartitions): the Class-Module over a partition's tiles in batches, through the
 * same {@link TileProcessor} as the one-JVM engine. Failure records pass through unchanged.
 *
 * @param keepLogits keep each tile's logits for a budget (which then routes the tiles; their class here is provisional)
 */
public record ClassifyFn(StageSettings settings, LongAccumulator classified, boolean keepLogits)
        implements FlatMapFunction<Iterator<TileRecord>, TileRecord> {

    public ClassifyFn(StageSettings settings, LongAccumulator classified) {
        this(settings, classified, false);
    }

    @Override
    public Iterator<TileRecord> call(Iterator<TileRecord> tiles) {
        TileProcessor[] stages = new TileProcessor[1];
        return new Chunks<>(tiles, settings.engine().chunkTiles(), chunk -> {
            List<TileRecord> good = new ArrayList<>(chunk.size());
            List<TileRecord> out = new ArrayList<>(chunk.size());
            for (TileRecord r : chunk) {
                (r.failed() ? out : good).add(r);
            }
            if (good.isEmpty()) {
                return out;
            }
            if (stages[0] == null) {
                stages[0] = TaskStages.open(settings); // a model that cannot load fails the task (and the job)
            }
            TileProcessor processor = stages[0];
            out.addAll(PerImage.run(good, Failures.CLASSIFY, batch -> classify(processor, batch, keepLogits),
                    TileRecord::failure));
            if (classified != null) {
                classified.add(good.size());
            }
            return out;
        });
    }

    private static List<TileRecord> classify(TileProcessor stages, List<TileRecord> good, boolean keepLogits) {
        int len = stages.tileLength();
        float[] packed = new float[Math.multiplyExact(good.size(), len)];
        for (int i = 0; i < good.size(); i++) {
            System.arraycopy(PerImage.pixels(good.get(i), len), 0, packed, i * len, len);
        }
        long t = System.nanoTime();
        List<TileRecord> out = new ArrayList<>(good.size());
        if (keepLogits) {
            float[] logits = stages.logits(packed, good.size());
            int k = logits.length / good.size();
            int[] classes = ClassBias.argmax(logits, k, new double[0]);
            long share = (System.nanoTime() - t) / good.size();
            for (int i = 0; i < good.size(); i++) {
                out.add(good.get(i).scored(classes[i], Arrays.copyOfRange(logits, i * k, (i + 1) * k), share));
            }
        } else {
            int[] classes = stages.classify(packed, good.size());
            long share = (System.nanoTime() - t) / good.size();
            for (int i = 0; i < good.size(); i++) {
                out.add(good.get(i).classified(classes[i], share));
            }
        }
        return out;
    }
}
