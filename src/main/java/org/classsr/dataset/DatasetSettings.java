package org.classsr.dataset;

/**
 * How training sub-images are cut (section {@code classsr.dataset} of reference.conf).
 *
 * @param patchSize    HR sub-image side (128 in ClassSR)
 * @param step         HR stride between sub-images (64)
 * @param scale        the SR factor: LR = bicubic / scale (4)
 * @param maxPerImage  keep at most this many sub-images per image, chosen at random (0 = all)
 * @param seed         seed of that choice
 * @param shardSamples records per shard file
 */
public record DatasetSettings(int patchSize, int step, int scale, int maxPerImage, long seed, int shardSamples) {

    public DatasetSettings {
        if (scale < 1 || patchSize < scale || patchSize % scale != 0 || step < 1 || step % scale != 0) {
            throw new IllegalArgumentException("dataset patch-size and step must be positive multiples of scale "
                    + scale + ", got patch-size " + patchSize + ", step " + step);
        }
        if (maxPerImage < 0 || shardSamples < 1) {
            throw new IllegalArgumentException("dataset max-per-image must be >= 0 and shard-samples >= 1, got "
                    + maxPerImage + ", " + shardSamples);
        }
    }

    public DatasetSettings withMaxPerImage(int n) {
        return new DatasetSettings(patchSize, step, scale, n, seed, shardSamples);
    }

    public DatasetSettings withSeed(long s) {
        return new DatasetSettings(patchSize, step, scale, maxPerImage, s, shardSamples);
    }
}
