package org.classsr.spark;

import java.io.Serializable;

/**
 * One tile as it travels through the job, its pixels (CHW, 3 channels) in the compact form of
 * {@link CompactTile}: the LR tile after decoding (exactly, on the source's grid), the HR tile after
 * stage 2 (within 1/32 grey level; the LR pixels are then dropped), with what stage 3 needs to write the image (grey source, bit
 * depth, whether the source has an alpha plane, which stage 3 upscales from the input) and the time each stage spent on this tile (a batch's time shared over its tiles).
 *
 * @param error set, with no pixels, when the image could not be decoded (index is then -1)
 * @param logits the Class-Module's raw logits, kept from stage 1 only while a budget chooses the
 *     routing (null otherwise, and dropped once routed)
 */
public record TileRecord(int image, int index, int cls, CompactTile pixels, boolean grey, int bitDepth, boolean alpha,
        long decodeNanos, long classifyNanos, long superResolveNanos, String error, float[] logits)
        implements Serializable {

    public TileRecord(int image, int index, int cls, CompactTile pixels, boolean grey, int bitDepth, boolean alpha,
            long decodeNanos, long classifyNanos, long superResolveNanos, String error) {
        this(image, index, cls, pixels, grey, bitDepth, alpha, decodeNanos, classifyNanos, superResolveNanos, error, null);
    }

    public static TileRecord failure(int image, String error) {
        return new TileRecord(image, -1, -1, null, false, 8, false, 0, 0, 0, error);
    }

    public boolean failed() {
        return error != null;
    }

    public TileKey key() {
        return new TileKey(image, index, cls);
    }

    public TileRecord classified(int newCls, long nanos) {
        return new TileRecord(image, index, newCls, pixels, grey, bitDepth, alpha, decodeNanos, nanos, superResolveNanos, error);
    }

    /** Classified, its logits kept for a budget's routing. */
    public TileRecord scored(int newCls, float[] tileLogits, long nanos) {
        return new TileRecord(image, index, newCls, pixels, grey, bitDepth, alpha, decodeNanos, nanos, superResolveNanos,
                error, tileLogits);
    }

    /** Routed by a budget: the class it chose; the logits are no longer needed. */
    public TileRecord routed(int newCls) {
        return new TileRecord(image, index, newCls, pixels, grey, bitDepth, alpha, decodeNanos, classifyNanos,
                superResolveNanos, error, null);
    }

    public TileRecord superResolved(CompactTile hrTile, long nanos) {
        return new TileRecord(image, index, cls, hrTile, grey, bitDepth, alpha, decodeNanos, classifyNanos, nanos, error);
    }
}
