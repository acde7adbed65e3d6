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
public final class SuperResolveFn
        implements PairFlatMapFunction<Iterator<Tuple2<TileKey, TileRecord>>, TileKey, TileRecord> {

    private final StageSettings settings;
    private final LongAccumulator superResolved;

    public SuperResolveFn(StageSettings settings, LongAccumulator superResolved) {
        this.settings = settings;
        this.superResolved = superResolved;
    }

    @Override
    public Iterator<Tuple2<TileKey, TileRecord>> call(Iterator<Tuple2<TileKey, TileRecord>> tiles) {
        TileProcessor[] stages = new TileProcessor[1];
        return new Chunks<>(tiles, settings.engine().chunkTiles(), chunk -> {
            if (stages[0] == null) {
                stages[0] = TaskStages.open(settings);
            }
            Map<Integer, List<TileRecord>> byClass = new LinkedHashMap<>();
            for (Tuple2<TileKey, TileRecord> t : chunk) {
                byClass.computeIfAbsent(t._2().cls(), k -> new ArrayList<>()).add(t._2());
            }
            List<Tuple2<TileKey, TileRecord>> out = new ArrayList<>(chunk.size());
            int len = stages[0].tileLength();
            int hrLen = stages[0].hrTileLength();
            int side = settings.tileSize() * settings.scale();
            for (Map.Entry<Integer, List<TileRecord>> e : byClass.entrySet()) {
                List<TileRecord> members = e.getValue();
                float[] packed = new float[Math.multiplyExact(members.size(), len)];
                int[] indices = new int[members.size()];
                for (int i = 0; i < members.size(); i++) {
                    System.arraycopy(members.get(i).pixels().decode(), 0, packed, i * len, len);
                    indices[i] = i;
                }
                long t = System.nanoTime();
                float[] hr = stages[0].superResolve(e.getKey(), packed, indices);
                long share = (System.nanoTime() - t) / members.size();
                for (int i = 0; i < members.size(); i++) {
                    float[] tile = new float[hrLen];
                    System.arraycopy(hr, i * hrLen, tile, 0, hrLen);
                    TileRecord m = members.get(i);
                    CompactTile compact = CompactTile.encode(tile, 3, side, side, CompactTile.hrLevels(m.bitDepth()));
                    TileRecord r = m.superResolved(compact, share);
                    out.add(new Tuple2<>(r.key(), r));
                }
            }
            if (superResolved != null) {
                superResolved.add(chunk.size());
            }
            return out;
        });
    }
}
