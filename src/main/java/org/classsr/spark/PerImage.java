package org.classsr.spark;

import ai.djl.engine.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.classsr.model.ModelException;

/**
 * A batch step over tiles of several images that fails only the image at fault: when the whole
 * batch throws, the step is rerun image by image, and an image whose own tiles still throw
 * becomes one failure record (the driver or the stitch stage then drops the image). A broken
 * model or engine is nobody's image's fault and fails the task as before. Errors
 * (OutOfMemoryError and the like) are not caught: the task fails, as it should.
 */
final class PerImage {

    private PerImage() {
    }

    static <R> List<R> run(List<TileRecord> tiles, String stage, Function<List<TileRecord>, List<R>> step,
            BiFunction<Integer, String, R> failure) {
        try {
            return step.apply(tiles);
        } catch (RuntimeException batch) {
            if (systematic(batch)) {
                throw batch; // no image is at fault: the task fails, Spark retries it, then fails the job
            }
            Map<Integer, List<TileRecord>> byImage = new LinkedHashMap<>();
            for (TileRecord t : tiles) {
                byImage.computeIfAbsent(t.image(), k -> new ArrayList<>()).add(t);
            }
            List<R> out = new ArrayList<>(tiles.size());
            for (Map.Entry<Integer, List<TileRecord>> e : byImage.entrySet()) {
                try {
                    out.addAll(byImage.size() == 1 ? rethrow(batch) : step.apply(e.getValue()));
                } catch (RuntimeException own) {
                    out.add(failure.apply(e.getKey(), Failures.at(stage, Failures.reason(own))));
                }
            }
            return out;
        }
    }

    /** A broken model or engine fails every image alike: not an image's fault. */
    static boolean systematic(RuntimeException e) {
        return e instanceof ModelException || e instanceof EngineException;
    }

    private static <R> List<R> rethrow(RuntimeException e) {
        throw e;
    }

    /** The decoded pixels of a tile, checked against the length the networks take. */
    static float[] pixels(TileRecord r, int length) {
        float[] p = r.pixels().decode();
        if (p.length != length) {
            throw new IllegalStateException("tile " + r.index() + " has " + p.length + " samples, the network takes "
                    + length);
        }
        return p;
    }
}
