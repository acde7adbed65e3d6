package org.classsr.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/** Packs a partition's classified tiles into one {@link ScoreBlock} (failure records are left out). */
public final class ScoreBlockFn implements FlatMapFunction<Iterator<TileRecord>, ScoreBlock> {

    @Override
    public Iterator<ScoreBlock> call(Iterator<TileRecord> tiles) {
        int n = 0;
        int[] image = new int[1024];
        int[] index = new int[1024];
        float[] logits = new float[3 * 1024];
        while (tiles.hasNext()) {
            TileRecord r = tiles.next();
            if (r.failed()) {
                continue;
            }
            if (r.logits() == null || r.logits().length != 3) {
                throw new IllegalStateException("tile " + r.index() + " of image " + r.image() + " has no 3 logits kept");
            }
            if (n == image.length) {
                image = Arrays.copyOf(image, 2 * n);
                index = Arrays.copyOf(index, 2 * n);
                logits = Arrays.copyOf(logits, 6 * n);
            }
            image[n] = r.image();
            index[n] = r.index();
            System.arraycopy(r.logits(), 0, logits, 3 * n, 3);
            n++;
        }
        return List.of(new ScoreBlock(Arrays.copyOf(image, n), Arrays.copyOf(index, n), Arrays.copyOf(logits, 3 * n)))
                .iterator();
    }
}
