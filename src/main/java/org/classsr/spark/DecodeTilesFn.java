package org.classsr.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.GreyImages;
import org.classsr.image.ImageCodec;
import org.classsr.image.PixelLimit;
import org.classsr.tile.TileExtractor;
import org.classsr.tile.TileGrid;

/**
 * On an executor: reads one input, decodes it, and emits its LR tiles one by one (row-major),
 * cut from the decoded image as they are consumed, so only the decoded image is held. Grey inputs
 * are tiled as three equal channels (as the one-JVM engine does). An input that cannot be read or
 * decoded yields one failure record with the reason.
 */
public final class DecodeTilesFn implements FlatMapFunction<ImagePlan, TileRecord> {

    private final StageSettings settings;

    public DecodeTilesFn(StageSettings settings) {
        this.settings = settings;
    }

    /** Where an input's bytes come from: the file or member itself, or a tar.gz stream already open. */
    @FunctionalInterface
    interface Bytes {
        byte[] read() throws java.io.IOException;
    }

    @Override
    public Iterator<TileRecord> call(ImagePlan plan) {
        return tiles(plan, () -> InputBytes.readAll(plan, HadoopFiles.conf(), settings.maxPixels()));
    }

    /** The tiles of one input read from {@code bytes}; a failure to read or decode is one failure record. */
    Iterator<TileRecord> tiles(ImagePlan plan, Bytes bytes) {
        long start = System.nanoTime();
        DecodedImage decoded;
        try {
            decoded = ImageCodec.decode(bytes.read(), plan.input());
            String limit = PixelLimit.reason(decoded.width(), decoded.height(), settings.maxPixels());
            if (limit == null && (decoded.width() != plan.width() || decoded.height() != plan.height())) {
                // The tile grid, the stitcher and the output were planned from the header's size.
                limit = String.format("decoded %dx%d, but the header said %dx%d (changed since the probe?)",
                        decoded.width(), decoded.height(), plan.width(), plan.height());
            }
            if (limit != null) {
                return failed(plan, limit);
            }
        } catch (Exception e) {
            // OutOfMemoryError is not caught: the executor's state is unknown after it.
            return failed(plan, Failures.reason(e, plan.input()));
        }
        FloatImage color = decoded.color();
        boolean grey = color.channels() == 1;
        boolean alpha = decoded.hasAlpha();
        FloatImage rgb = grey ? GreyImages.toRgb(color) : color;
        TileGrid grid = TileGrid.cover(rgb.width(), rgb.height(), settings.tileSize(), settings.tileStep());
        int bitDepth = decoded.bitDepth();
        int size = settings.tileSize();
        long decodeShare = (System.nanoTime() - start) / grid.count();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < grid.count();
            }

            @Override
            public TileRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long t = System.nanoTime();
                try {
                    // Exact: decoded samples are on the source's grid (k / 255f or k / 65535f).
                    CompactTile pixels = CompactTile.encodeExact(TileExtractor.extract(rgb, grid.tile(next), size), 3,
                            size, size, bitDepth);
                    long nanos = decodeShare + System.nanoTime() - t;
                    return new TileRecord(plan.id(), next++, -1, pixels, grey, bitDepth, alpha, nanos, 0, 0, null);
                } catch (RuntimeException e) {
                    // This image fails (the driver drops its other tiles); the task goes on.
                    next = grid.count();
                    return TileRecord.failure(plan.id(), Failures.at(Failures.DECODE, Failures.reason(e, plan.input())));
                }
            }
        };
    }

    private static Iterator<TileRecord> failed(ImagePlan plan, String reason) {
        return Collections.singletonList(TileRecord.failure(plan.id(), Failures.at(Failures.DECODE, reason))).iterator();
    }
}
