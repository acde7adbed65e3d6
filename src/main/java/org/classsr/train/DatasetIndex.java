package org.classsr.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classsr.files.AtomicFiles;

/**
 * A dataset folder's {@code index.json}: how its samples were made, where they came from, and
 * which shards hold them (in order: sample {@code i} of the dataset is record {@code i - first}
 * of the shard whose range holds it). Written last and atomically: a folder without it is not a
 * finished dataset.
 *
 * @param format         always {@code "classsr-samples"}
 * @param version        {@link ShardFormat#VERSION}
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
 */
public record DatasetIndex(String format, int version, int hrSize, int scale, int step, String split,
        int maxPerImage, long seed, String manifestSha256, long samples, List<SourceImage> images,
        List<Shard> shards) {

    public static final String FILE_NAME = "index.json";
    public static final String FORMAT = "classsr-samples";

    /** A source image: its manifest path, its size after cropping to a multiple of the scale, its sample count. */
    public record SourceImage(int index, String path, int width, int height, int samples) {
    }

    /** A shard file (relative to the dataset folder), its record count and SHA-256. */
    public record Shard(String file, int samples, String sha256) {
    }

    public DatasetIndex {
        images = List.copyOf(images);
        shards = List.copyOf(shards);
    }

    public ShardFormat shardFormat() {
        return ShardFormat.of(hrSize, scale);
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static DatasetIndex read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " is not a dataset folder (no " + FILE_NAME
                    + "; make one with `classsr dataset`)");
        }
        try {
            DatasetIndex index = JSON.readValue(file.toFile(), DatasetIndex.class);
            if (!FORMAT.equals(index.format()) || index.version() != ShardFormat.VERSION) {
                throw new IllegalArgumentException(file + ": format " + index.format() + " v" + index.version()
                        + ", expected " + FORMAT + " v" + ShardFormat.VERSION);
            }
            return index;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable: " + e.getMessage(), e);
        }
    }

    public void write(Path folder) throws IOException {
        AtomicFiles.write(folder.resolve(FILE_NAME), json());
    }

    /** The bytes of {@code index.json}, for writers that are not local files (HDFS, S3A). */
    public byte[] json() throws IOException {
        return JSON.writeValueAsBytes(this);
    }
}
