package org.classsr.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code bench --split} adds: the fixed class split ClassSR was timed at (tiles routed by it,
 * the classifier still run on every tile), the tiles each class got, and each image's times. No
 * PSNR: the split, not the classifier, chose the branches, so quality means nothing here.
 *
 * @param fractions the requested share of tiles per class
 * @param tilesPerClass tiles each class got over all images in one pass
 * @param images per image: tiles and median seconds of each method over the timed passes
 */
public record SplitResult(double[] fractions, long[] tilesPerClass, List<ImageTime> images) {

    /** What the reports say instead of a PSNR. */
    public static final String NO_PSNR = "not reported: timing only (tiles routed by a fixed split, not by the "
            + "classifier, which still runs on every tile)";

    public SplitResult {
        fractions = fractions.clone();
        tilesPerClass = tilesPerClass.clone();
        images = List.copyOf(images);
    }

    /** One image's times: median seconds over the timed passes. */
    public record ImageTime(String name, int tiles, double originalSeconds, double classsrSeconds) {

        public double timeRatio() {
            return classsrSeconds / originalSeconds;
        }

        /** The report's row for this image (an entry of the split's "images"). */
        Map<String, Object> toJson() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", name);
            r.put("tiles", tiles);
            r.put("seconds_original", originalSeconds);
            r.put("seconds_classsr", classsrSeconds);
            r.put("time_ratio", timeRatio());
            return r;
        }
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public long[] tilesPerClass() {
        return tilesPerClass.clone();
    }
}
