package org.classsr.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.classsr.spark.HadoopFiles;

/**
 * A dataset folder's {@code index.json}: how its samples were made, where they came from, and
 * which shards hold them (in order: sample {@code i} of the dataset is record {@code i - first}
 * of the shard whose range holds it). Written last and atomically: a folder without it is not a
 * finished dataset.
 *
 * @param format         always {@code "classsr-samples"}
 * @param version        the shards' version: {@link ShardFormat#VERSION}, or {@link ShardFormat#LABELED_VERSION}
 *                       when they carry labels
 * @param hrSize         HR sub-image side
 * @param scale          HR / LR
 * @param step           HR stride between sub-images
 * @param split          the manifest split used (train / val)
 * @param maxPerImage    the per-image cap (0 = none)
 * @param seed           the seed of the per-image subsample
 * @param manifestSha256 SHA-256 of the manifest.tsv the dataset was made from
 * @param samples        total sample count
 * @param images         the source images, by index
 * @param shards         the shard files, in sample order
 * @param labels         how the samples were labelled, or null (absent) for an unlabelled dataset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetIndex(String format, int version, int hrSize, int scale, int step, String split,
        int maxPerImage, long seed, String manifestSha256, long samples, List<SourceImage> images,
        List<Shard> shards, Labels labels) {

    public static final String FILE_NAME = "index.json";
    public static final String FORMAT = "classsr-samples";

    /**
     * A source image: its manifest path, its size after cropping to a multiple of the scale, its
     * sample count and, in a labelled dataset, its samples per class (null otherwise).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceImage(int index, String path, int width, int height, int samples, List<Integer> classes) {

        public SourceImage {
            classes = classes == null ? null : List.copyOf(classes);
        }

        /** An image of an unlabelled dataset. */
        public SourceImage(int index, String path, int width, int height, int samples) {
            this(index, path, width, height, samples, null);
        }
    }

    /**
     * How a labelled dataset's labels were made ({@code classsr dataset --label-with MODEL}).
     *
     * @param model            the ClassSR model's name (model.conf {@code name})
     * @param classes          its class names; a label's class indexes this list
     * @param classBias        the class-bias of its model.conf, added to the logits before the argmax
     * @param classifierSha256 SHA-256 of its Class-Module's weights
     * @param original         the "-O" model's name, whose PSNR-Y the labels carry
     * @param originalSha256   SHA-256 of the "-O" network's weights
     * @param psnrBorder       pixels cropped from each side of a sub-image before its PSNR-Y
     * @param counts           samples per class, over the whole dataset
     */
    public record Labels(String model, List<String> classes, List<Double> classBias, String classifierSha256,
            String original, String originalSha256, int psnrBorder, List<Long> counts) implements Serializable {

        public Labels {
            classes = List.copyOf(classes);
            classBias = List.copyOf(classBias);
            counts = counts == null ? null : List.copyOf(counts);
        }

        public Labels withCounts(List<Long> c) {
            return new Labels(model, classes, classBias, classifierSha256, original, originalSha256, psnrBorder, c);
        }
    }

    /** A shard file (relative to the dataset folder), its record count and SHA-256. */
    public record Shard(String file, int samples, String sha256) {
    }

    public DatasetIndex {
        images = List.copyOf(images);
        shards = List.copyOf(shards);
    }

    public ShardFormat shardFormat() {
        return ShardFormat.of(hrSize, scale, labels != null);
    }

    /** The JSON mapper of dataset and training records (indented). */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static DatasetIndex read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " is not a dataset folder (no " + FILE_NAME
                    + "; make one with `classsr dataset`)");
        }
        try {
            DatasetIndex index = JSON.readValue(file.toFile(), DatasetIndex.class);
            int expected = index.shardFormat().version(); // v1 without labels, v2 with them
            if (!FORMAT.equals(index.format()) || index.version() != expected) {
                throw new IllegalArgumentException(file + ": format " + index.format() + " v" + index.version()
                        + ", expected " + FORMAT + " v" + expected + (index.labels() == null ? " (no labels)" : " (labelled)"));
            }
            return index;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable: " + e.getMessage(), e);
        }
    }

    public void write(Path folder) throws IOException {
        byte[] bytes = json();
        HadoopFiles.writeAtomically(folder.resolve(FILE_NAME).toUri().toString(), HadoopFiles.conf(), o -> o.write(bytes));
    }

    /** The bytes of {@code index.json}, for writers that are not local files (HDFS, S3A). */
    public byte[] json() throws IOException {
        return JSON.writeValueAsBytes(this);
    }
}
