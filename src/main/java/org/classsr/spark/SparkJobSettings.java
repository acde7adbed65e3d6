package org.classsr.spark;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the distributed job runs (classsr.spark and classsr.gpu), built once by the CLI.
 *
 * @param master Spark master URL; "local[*]" is the embedded default
 * @param appName the application's name in the cluster manager
 * @param sparkConf extra Spark properties (spark.*, including spark.hadoop.* for S3A); may hold
 *     secrets, so {@link #toString()} never shows values
 * @param tilesPerPartition target tiles per task in the network stages
 * @param imagePartitions partitions of the stitch-and-write stage (0: one per image)
 * @param pngCompression zlib level of PNG outputs, 0-9
 * @param maxInMemoryOutputPixels largest output assembled whole (JPEG, BMP, WebP; PSNR/SSIM)
 * @param progressSeconds seconds between progress lines (0: none)
 * @param shipModel ship the model folder to executors as an archive ({@link ShippedFolder}) on non-local masters
 */
public record SparkJobSettings(String master, String appName, Map<String, String> sparkConf, int tilesPerPartition,
        int imagePartitions, int pngCompression, long maxInMemoryOutputPixels, int progressSeconds, boolean shipModel,
        GpuSettings gpu) {

    public SparkJobSettings {
        sparkConf = Map.copyOf(sparkConf);
        if (tilesPerPartition < 1 || imagePartitions < 0 || pngCompression < 0 || pngCompression > 9
                || maxInMemoryOutputPixels < 1 || progressSeconds < 0) {
            throw new IllegalArgumentException("classsr.spark: tiles-per-partition >= 1, image-partitions >= 0, "
                    + "png-compression 0-9, max-in-memory-output-pixels >= 1, progress-seconds >= 0");
        }
    }

    public static SparkJobSettings localDefaults() {
        return new SparkJobSettings("local[*]", "classsr", Map.of("spark.ui.enabled", "false"), 2048, 0, 6,
                400_000_000L, 10, true, GpuSettings.disabled());
    }

    public SparkJobSettings withMaster(String newMaster) {
        return new SparkJobSettings(newMaster, appName, sparkConf, tilesPerPartition, imagePartitions, pngCompression,
                maxInMemoryOutputPixels, progressSeconds, shipModel, gpu);
    }

    public SparkJobSettings withConf(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(sparkConf);
        merged.putAll(more);
        return new SparkJobSettings(master, appName, merged, tilesPerPartition, imagePartitions, pngCompression,
                maxInMemoryOutputPixels, progressSeconds, shipModel, gpu);
    }

    public boolean local() {
        return master.startsWith("local");
    }

    @Override
    public String toString() {
        return "SparkJobSettings[master=" + master + ", appName=" + appName + ", sparkConf keys="
                + new TreeMap<>(sparkConf).keySet() + ", tilesPerPartition=" + tilesPerPartition + ", imagePartitions="
                + imagePartitions + ", pngCompression=" + pngCompression + ", gpu=" + gpu + "]";
    }
}
