package org.classsr.engine;

import org.classsr.image.FloatImage;
import org.classsr.image.GreyImages;
import org.classsr.model.ClassSrModel;
import org.classsr.tile.TileExtractor;
import org.classsr.tile.TileGrid;

/**
 * The Class-Module's raw logits for every tile of an image (3 per tile, row-major, no bias), chunk
 * by chunk as the engine cuts them, so memory stays bounded by a chunk: the scoring pass of a
 * budgeted run.
 */
public record TileScorer(ClassSrModel model, EngineSettings settings) {

    /** Logits and the time they took. */
    public record Scored(float[] logits, long nanos) {
    }

    public Scored score(FloatImage lr) {
        long start = System.nanoTime();
        FloatImage rgb = lr.channels() == 1 ? GreyImages.toRgb(lr) : lr;
        int size = model.spec().tileSize();
        TileGrid grid = TileGrid.cover(rgb.width(), rgb.height(), size, model.spec().tileStep());
        int classes = model.branches().size();
        float[] logits = new float[Math.multiplyExact(grid.count(), classes)];
        try (TileProcessor networks = new TileProcessor(model, settings)) {
            int tileLen = networks.tileLength();
            int rowsPerChunk = Math.max(1, settings.chunkTiles() / grid.cols());
            for (int row0 = 0; row0 < grid.rows(); row0 += rowsPerChunk) {
                int first = row0 * grid.cols();
                int count = (Math.min(grid.rows(), row0 + rowsPerChunk) - row0) * grid.cols();
                float[] tiles = new float[Math.multiplyExact(count, tileLen)];
                for (int i = 0; i < count; i++) {
                    TileExtractor.extract(rgb, grid.tile(first + i), size, tiles, i * tileLen);
                }
                System.arraycopy(networks.logits(tiles, count), 0, logits, first * classes, count * classes);
            }
        }
        return new Scored(logits, System.nanoTime() - start);
    }
}
