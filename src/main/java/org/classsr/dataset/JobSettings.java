package org.classsr.dataset;

import java.io.Serializable;

/**
 * What every shard task needs, serialisable for Spark: the cutting settings, the output folder
 * or prefix (a Hadoop URI), whether finished shards are made again, the largest image
 * (classsr.input.max-pixels) decoded, and how sub-images are labelled (null: not labelled).
 */
public record JobSettings(int patchSize, int step, int scale, int maxPerImage, long seed, String output,
        boolean force, long maxPixels, LabelSettings labels) implements Serializable {

    public static JobSettings of(DatasetSettings s, String output, boolean force, long maxPixels) {
        return of(s, output, force, maxPixels, null);
    }

    public static JobSettings of(DatasetSettings s, String output, boolean force, long maxPixels, LabelSettings labels) {
        return new JobSettings(s.patchSize(), s.step(), s.scale(), s.maxPerImage(), s.seed(), output, force, maxPixels,
                labels);
    }

    /** The same settings writing to another (qualified) output. */
    JobSettings withOutput(String uri) {
        return new JobSettings(patchSize, step, scale, maxPerImage, seed, uri, force, maxPixels, labels);
    }

    /** The same settings labelling with {@code other} (e.g. the shipped copies of the models). */
    JobSettings withLabels(LabelSettings other) {
        return new JobSettings(patchSize, step, scale, maxPerImage, seed, output, force, maxPixels, other);
    }

    public DatasetSettings dataset() {
        // shard-samples does not apply here: a shard holds all samples of its images.
        return new DatasetSettings(patchSize, step, scale, maxPerImage, seed, 1);
    }

    /** The shards' format: labelled (version 2) or not. */
    public ShardFormat format() {
        return ShardFormat.of(patchSize, scale, labels != null);
    }

    /** Identifies the cutting (and labelling) settings in each shard's record: a rerun with other settings redoes the shards. */
    String key() {
        return "patch=" + patchSize + ",step=" + step + ",scale=" + scale + ",max=" + maxPerImage + ",seed=" + seed
                + (labels == null ? "" : "," + labels.key());
    }
}
