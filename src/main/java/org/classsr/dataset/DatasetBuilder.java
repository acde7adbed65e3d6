package org.classsr.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;
import org.classsr.image.GreyImages;
import org.classsr.image.Quantize;
import org.classsr.model.Sha256;

/**
 * Makes a training dataset folder from a data folder ({@code images/} + {@code manifest.tsv}):
 * for each image of a split, crop to a multiple of the scale, make the LR image by MATLAB bicubic
 * of the whole image (quantised to 8 bits, as a saved LR file would be), and cut HR sub-images
 * {@code patchSize} at {@code step} (the last row and column anchored at the image edge so every
 * pixel is used) with the matching LR sub-images. Optionally keeps a deterministic random subset
 * per image. Writes shards (see {@link ShardFormat}) and then {@code index.json}.
 */
public record DatasetBuilder(DatasetSettings settings, DatasetListener listener) {

    /** One row of manifest.tsv that matters here. */
    record ManifestRow(String path, String split) {
    }

    /** Reads manifest.tsv (tab-separated, with a header naming at least {@code path} and {@code split}). */
    static List<ManifestRow> readManifest(String manifest, List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(manifest + ": empty manifest");
        }
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        int path = header.indexOf("path");
        int split = header.indexOf("split");
        if (path < 0 || split < 0) {
            throw new IllegalArgumentException(manifest + ": header must name columns 'path' and 'split', got " + header);
        }
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            if (f.length <= Math.max(path, split)) {
                throw new IllegalArgumentException(manifest + ": line " + (i + 1) + " has too few columns");
            }
            rows.add(new ManifestRow(f[path], f[split]));
        }
        return rows;
    }

    /**
     * Builds the dataset.
     *
     * @param dataDir the data folder (manifest.tsv, images/)
     * @param output  the dataset folder to write (created; old shards there are replaced)
     * @param split   "train" or "val"
     */
    public DatasetIndex build(Path dataDir, Path output, String split) throws IOException {
        return build(DataSource.folder(dataDir), output, split);
    }

    /** As {@link #build(Path, Path, String)}, from a folder or an archive of one. */
    public DatasetIndex build(DataSource source, Path output, String split) throws IOException {
        byte[] manifestBytes = source.manifest();
        String manifest = source.name() + "/manifest.tsv";
        String manifestSha = Sha256.of(manifestBytes);
        List<ManifestRow> rows = readManifest(manifest,
                new String(manifestBytes, java.nio.charset.StandardCharsets.UTF_8).lines().toList()).stream()
                .filter(r -> r.split().equals(split)).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(manifest + ": no images in split '" + split + "'");
        }
        Files.createDirectories(output);
        Files.deleteIfExists(output.resolve(DatasetIndex.FILE_NAME));
        try (Stream<Path> old = Files.list(output)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("shard-")).toList()) {
                Files.delete(p);
            }
        }
        ShardFormat format = ShardFormat.of(settings.patchSize(), settings.scale());
        List<DatasetIndex.SourceImage> images = new ArrayList<>();
        List<DatasetIndex.Shard> shards = new ArrayList<>();
        long total = 0;
        listener.begin("dataset " + split, 0, rows.size());
        ShardWriter writer = null;
        try {
            for (int index = 0; index < rows.size(); index++) {
                ManifestRow row = rows.get(index);
                FloatImage hr;
                try {
                    hr = rgb8(source.image(row.path()).color());
                } catch (RuntimeException e) {
                    listener.message("skipped " + row.path() + ": " + e.getMessage());
                    images.add(new DatasetIndex.SourceImage(index, row.path(), 0, 0, 0));
                    listener.advance(1);
                    continue;
                }
                hr = hr.cropToMultiple(settings.scale());
                List<Sample> samples = cut(index, row.path(), hr);
                images.add(new DatasetIndex.SourceImage(index, row.path(), hr.width(), hr.height(), samples.size()));
                for (Sample s : samples) {
                    if (writer == null) {
                        writer = new ShardWriter(output.resolve(shardName(shards.size())), format);
                    }
                    writer.add(s);
                    total++;
                    if (writer.count() == settings.shardSamples()) {
                        shards.add(new DatasetIndex.Shard(shardName(shards.size()), writer.count(), writer.finish()));
                        writer = null;
                    }
                }
                listener.advance(1);
            }
            if (writer != null) {
                shards.add(new DatasetIndex.Shard(shardName(shards.size()), writer.count(), writer.finish()));
                writer = null;
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
            listener.end();
        }
        DatasetIndex index = new DatasetIndex(DatasetIndex.FORMAT, ShardFormat.VERSION, settings.patchSize(),
                settings.scale(), settings.step(), split, settings.maxPerImage(), settings.seed(), manifestSha, total,
                images, shards, null);
        index.write(output);
        return index;
    }

    static String shardName(int k) {
        return String.format("shard-%05d.bin", k);
    }

    /** The sub-images of one (cropped, 8-bit) image, in raster order of their positions. */
    List<Sample> cut(int index, String name, FloatImage hr) {
        int p = settings.patchSize();
        int[] xs = positions(hr.width(), p, settings.step());
        int[] ys = positions(hr.height(), p, settings.step());
        if (xs.length == 0 || ys.length == 0) {
            return List.of();
        }
        FloatImage lr = Quantize.to8Bit(Bicubic.downscale(hr, settings.scale()));
        long[] chosen = choose(name, (long) xs.length * ys.length);
        List<Sample> out = new ArrayList<>(chosen.length);
        int s = settings.scale();
        for (long k : chosen) {
            int x = xs[(int) (k % xs.length)];
            int y = ys[(int) (k / xs.length)];
            out.add(new Sample(index, x, y, crop(hr, x, y, p), crop(lr, x / s, y / s, p / s)));
        }
        return out;
    }

    /** Positions 0, step, 2*step, ... and, when that leaves a remainder, size - patch (a multiple of the scale). */
    static int[] positions(int size, int patch, int step) {
        if (size < patch) {
            return new int[0];
        }
        List<Integer> ps = new ArrayList<>();
        for (int v = 0; v + patch <= size; v += step) {
            ps.add(v);
        }
        if (ps.get(ps.size() - 1) + patch < size) {
            ps.add(size - patch);
        }
        return ps.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Sub-image numbers to keep, sorted: all of them, or {@code maxPerImage} drawn without
     * replacement by a generator seeded from (seed, image path), so one image's choice does not
     * depend on which other images are in the split.
     */
    long[] choose(String name, long count) {
        int max = settings.maxPerImage();
        if (max == 0 || count <= max) {
            long[] all = new long[(int) count];
            Arrays.setAll(all, i -> i);
            return all;
        }
        SplittableRandom rng = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + name.hashCode());
        int n = (int) count;
        int[] perm = new int[n];
        Arrays.setAll(perm, i -> i);
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Arrays.stream(perm, 0, max).asLongStream().sorted().toArray();
    }

    /** 3-channel, 8-bit-quantised copy (grey images are replicated to R, G, B). */
    static FloatImage rgb8(FloatImage img) {
        return Quantize.to8Bit(img.channels() == 1 ? GreyImages.toRgb(img) : img);
    }

    /** A square crop as 8-bit CHW bytes (values are already on the 1/255 grid). */
    static byte[] crop(FloatImage img, int x0, int y0, int size) {
        byte[] out = new byte[img.channels() * size * size];
        int k = 0;
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < size; y++) {
                int base = img.index(c, x0, y0 + y);
                for (int x = 0; x < size; x++) {
                    out[k++] = (byte) Math.round(img.data()[base + x] * 255f);
                }
            }
        }
        return out;
    }
}
