package org.classsr.spark;

import java.io.Serializable;
import org.classsr.model.ClassCounts;

/**
 * One image's outcome: its metrics row, or the reason it failed.
 *
 * @param tilesPerClass tiles routed to each class
 * @param decodeNanos time decoding and cutting tiles
 * @param classifyNanos time in the Class-Module (this image's share of its batches)
 * @param superResolveNanos time in the branches (this image's share of its batches)
 * @param stitchWriteNanos time blending, encoding and writing the outputs
 * @param psnrY PSNR on Y against the ground truth given with --hr, NaN without
 * @param ssimY SSIM on Y against the ground truth, NaN without
 */
public record ImageResult(int id, String name, String input, String output, int width, int height, int scale,
        int[] tilesPerClass, long decodeNanos, long classifyNanos, long superResolveNanos, long stitchWriteNanos,
        double psnrY, double ssimY, String error) implements Serializable {

    public ImageResult {
        tilesPerClass = tilesPerClass == null ? new int[0] : tilesPerClass.clone();
    }

    public static ImageResult failure(ImagePlan plan, String error) {
        return new ImageResult(plan.id(), plan.name(), plan.input(), plan.output(), plan.width(), plan.height(), 0,
                null, 0, 0, 0, 0, Double.NaN, Double.NaN, error);
    }

    public boolean ok() {
        return error == null;
    }

    public int tiles() {
        return ClassCounts.total(tilesPerClass);
    }

    public long outputPixels() {
        return (long) width * scale * height * scale;
    }

    @Override
    public int[] tilesPerClass() {
        return tilesPerClass.clone();
    }
}
