package org.classsr.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;

/**
 * One shard made from a fixed group of images: the unit of work of the dataset job over plain
 * folders of HR images ({@code classsr dataset --hr}). Its bytes depend only on the settings, the
 * images' paths and their first index, never on which JVM or task makes it, so a Spark run and a
 * one-JVM run write the same shards. Images are cut exactly as {@link DatasetBuilder} cuts them.
 */
public final class ShardGroup {

    /**
     * What a finished shard holds.
     *
     * @param file     the shard's file name
     * @param samples  its record count
     * @param sha256   SHA-256 of its bytes
     * @param images   every image of the group, in order (a failed one with size 0 and no samples)
     * @param failures the group's bad images and why
     */
    public record Result(String file, int samples, String sha256, List<DatasetIndex.SourceImage> images,
            Map<String, String> failures) {

        public Result {
            images = List.copyOf(images);
            failures = new LinkedHashMap<>(failures);
        }
    }

    private ShardGroup() {
    }

    /** As {@link #write(DatasetSettings, List, int, Function, Path, ModelLabeler)}, without labels. */
    public static Result write(DatasetSettings settings, List<String> paths, int firstIndex,
            Function<String, DecodedImage> reader, Path target) throws IOException {
        return write(settings, paths, firstIndex, reader, target, null);
    }

    /**
     * Cuts {@code paths} (image indices {@code firstIndex, firstIndex + 1, ...}) into the shard
     * {@code target}, written atomically. A path that {@code reader} cannot turn into an image
     * (it throws) is a failure of that image only. With a {@code labeler} the shard is labelled
     * (version 2) and each image's samples per class are recorded.
     */
    public static Result write(DatasetSettings settings, List<String> paths, int firstIndex,
            Function<String, DecodedImage> reader, Path target, ModelLabeler labeler) throws IOException {
        DatasetBuilder builder = new DatasetBuilder(settings, DatasetListener.SILENT);
        List<DatasetIndex.SourceImage> images = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        ShardFormat format = ShardFormat.of(settings.patchSize(), settings.scale(), labeler != null);
        try (ShardWriter writer = new ShardWriter(target, format)) {
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                int index = firstIndex + i;
                List<Sample> samples;
                FloatImage hr;
                try {
                    hr = DatasetBuilder.rgb8(reader.apply(path).color()).cropToMultiple(settings.scale());
                    samples = builder.cut(index, path, hr);
                } catch (RuntimeException e) {
                    failures.put(path, reason(e));
                    images.add(new DatasetIndex.SourceImage(index, path, 0, 0, 0));
                    continue;
                }
                if (labeler == null) {
                    for (Sample s : samples) {
                        writer.add(s);
                    }
                    images.add(new DatasetIndex.SourceImage(index, path, hr.width(), hr.height(), samples.size()));
                    continue;
                }
                List<SampleLabel> labels = labeler.label(samples);
                Integer[] perClass = new Integer[labeler.classes()];
                Arrays.fill(perClass, 0);
                for (int k = 0; k < samples.size(); k++) {
                    writer.add(samples.get(k), labels.get(k));
                    perClass[labels.get(k).cls()]++;
                }
                images.add(new DatasetIndex.SourceImage(index, path, hr.width(), hr.height(), samples.size(),
                        Arrays.asList(perClass)));
            }
            int count = writer.count();
            String sha = writer.finish();
            return new Result(target.getFileName().toString(), count, sha, images, failures);
        }
    }

    private static String reason(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m.replace('\n', ' ').replace('\t', ' ');
    }
}
