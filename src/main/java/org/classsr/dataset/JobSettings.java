package org.classsr.dataset;

import java.io.Serializable;

/**
 * What every shard task needs, serialisable for Spark: the cutting settings, the output folder
 * or prefix (a Hadoop URI), whether finished shards are made again, and the largest image
 * (classsr.input.max-pixels) decoded.
 */
public record JobSettings(int patchSize, int step, int scale, int maxPerImage, long seed, String output,
        boolean force, long maxPixels) implements Serializable {

    public static JobSettings of(DatasetSettings s, String output, boolean force, long maxPixels) {
        return new JobSettings(s.patchSize(), s.step(), s.scale(), s.maxPerImage(), s.seed(), output, force, maxPixels);
    }

    /** The same settings writing to another (qualified) output. */
    JobSettings withOutput(String uri) {
        return new JobSettings(patchSize, step, scale, maxPerImage, seed, uri, force, maxPixels);
    }

    public DatasetSettings dataset() {
        // shard-samples does not apply here: a shard holds all samples of its images.
        return new DatasetSettings(patchSize, step, scale, maxPerImage, seed, 1);
    }

    /** Identifies the cutting settings in each shard's record: a rerun with other settings redoes the shards. */
    String key() {
        return "patch=" + patchSize + ",step=" + step + ",scale=" + scale + ",max=" + maxPerImage + ",seed=" + seed;
    }
}
