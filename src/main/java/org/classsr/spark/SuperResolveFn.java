package org.classsr.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.classsr.engine.TileProcessor;
import scala.Tuple2;

/**
 * Stage 2 (mapPartitions after the class repartition): each class's branch over its tiles in
 * batches, through the same {@link TileProcessor} as the one-JVM engine. A partition holds one
 * class, so a task loads and runs one branch (once per executor JVM) and never the classifier.
 * HR tiles leave in their compact shuffle form ({@link CompactTile}), at the precision of the
 * source's bit depth.
 */
public record SuperResolveFn(StageSettings settings, LongAccumulator superResolved)
        implements PairFlatMapFunction<Iterator<Tuple2<TileKey, TileRecord>>, TileKey, TileRecord> {

    @Override
    public Iterator<Tuple2<TileKey, TileRecord>> call(Iterator<Tuple2<TileKey, TileRecord>> tiles) {
        TileProcessor[] stages = new TileProcessor[1];
        return new Chunks<>(tiles, settings.engine().chunkTiles(), chunk -> {
            if (stages[0] == null) {
                stages[0] = TaskStages.open(settings); // a model that cannot load fails the task (and the job)
            }
            Map<Integer, List<TileRecord>> byClass = new LinkedHashMap<>();
            for (Tuple2<TileKey, TileRecord> t : chunk) {
                byClass.computeIfAbsent(t._2().cls(), k -> new ArrayList<>()).add(t._2());
            }
            List<Tuple2<TileKey, TileRecord>> out = new ArrayList<>(chunk.size());
            TileProcessor processor = stages[0];
            for (Map.Entry<Integer, List<TileRecord>> e : byClass.entrySet()) {
                int cls = e.getKey();
                // A failure record goes on to the stitch stage, which fails its image.
                out.addAll(PerImage.run(e.getValue(), Failures.SUPER_RESOLVE, batch -> branch(processor, cls, batch),
                        (image, reason) -> {
                            TileRecord f = TileRecord.failure(image, reason);
                            return new Tuple2<>(f.key(), f);
                        }));
            }
            if (superResolved != null) {
                superResolved.add(chunk.size());
            }
            return out;
        });
    }

    private List<Tuple2<TileKey, TileRecord>> branch(TileProcessor stages, int cls, List<TileRecord> members) {
        int len = stages.tileLength();
        int hrLen = stages.hrTileLength();
        int side = settings.tileSize() * settings.scale();
        float[] packed = new float[Math.multiplyExact(members.size(), len)];
        int[] indices = new int[members.size()];
        for (int i = 0; i < members.size(); i++) {
            System.arraycopy(PerImage.pixels(members.get(i), len), 0, packed, i * len, len);
            indices[i] = i;
        }
        long t = System.nanoTime();
        float[] hr = stages.superResolve(cls, packed, indices);
        long share = (System.nanoTime() - t) / members.size();
        List<Tuple2<TileKey, TileRecord>> out = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            float[] tile = new float[hrLen];
            System.arraycopy(hr, i * hrLen, tile, 0, hrLen);
            TileRecord m = members.get(i);
            CompactTile compact = CompactTile.encode(tile, 3, side, side, CompactTile.hrLevels(m.bitDepth()));
            TileRecord r = m.superResolved(compact, share);
            out.add(new Tuple2<>(r.key(), r));
        }
        return out;
    }
}
