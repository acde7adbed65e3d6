package org.classsr.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.spark.DistributedUpscaler;
import org.classsr.spark.GpuSettings;
import org.classsr.spark.SparkJobSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrDatasetJobTest {

    /** HR 16 (LR 4) at step 8: small and fast; shard-samples is ignored by --hr. */
    static final DatasetSettings CUT = new DatasetSettings(16, 8, 4, 0, 7, 1000);

    @TempDir
    Path tmp;

    /**
     * {@code hr/a/*.png}, {@code hr/b/*.png} of sizes that are not multiples of 4 or of the step,
     * one file that is not an image, and one image smaller than a sub-image; in listing order.
     */
    private List<String> hrFolder(Path hr) throws IOException {
        List<String> names = new ArrayList<>();
        Random rng = new Random(11);
        for (int i = 0; i < 7; i++) {
            String name = (i < 4 ? "a/" : "b/") + "img" + i + ".png";
            int w = 30 + 3 * i;
            int h = 26 + 2 * i;
            FloatImage img = FloatImage.zeros(w, h, 3);
            for (int k = 0; k < img.data().length; k++) {
                img.data()[k] = (float) (0.5 + 0.4 * Math.sin(k * 0.05 + i) * rng.nextDouble());
            }
            Files.createDirectories(hr.resolve(name).getParent());
            ImageCodec.write(hr.resolve(name), DecodedImage.of(img));
            names.add(name);
        }
        Files.write(hr.resolve("a/broken.png"), new byte[] {1, 2, 3, 4, 5});
        names.add("a/broken.png");
        ImageCodec.write(hr.resolve("b/tiny.png"), DecodedImage.of(FloatImage.zeros(9, 9, 3)));
        names.add("b/tiny.png");
        return names.stream().sorted().toList();
    }

    private static HrDatasetJob.Request request(Path hr, Path out, boolean force) {
        return new HrDatasetJob.Request(List.of(hr.toString()), out.toString(), "train",
                JobSettings.of(CUT, out.toString(), force, Long.MAX_VALUE), 3);
    }

    @Test
    void sparkAndOneJvmRunsWriteByteIdenticalShards() throws IOException {
        Path hr = tmp.resolve("hr");
        hrFolder(hr);
        HrDatasetJob.Outcome local = HrDatasetJob.runLocal(request(hr, tmp.resolve("jvm"), false));
        HrDatasetJob.Outcome spark;
        SparkSession session = DistributedUpscaler.session(new SparkJobSettings("local[2]", "classsr-dataset-test",
                Map.of("spark.ui.enabled", "false"), 16, 0, 1, 100_000_000L, 0, false, GpuSettings.disabled()));
        try {
            spark = HrDatasetJob.runSpark(session, request(hr, tmp.resolve("spark"), false));
        } finally {
            session.stop();
        }
        assertEquals(3, local.shardsWritten(), "9 images, 3 per shard");
        assertEquals(local.index(), spark.index());
        List<String> shards = shardFiles(tmp.resolve("jvm"));
        assertEquals(shards, shardFiles(tmp.resolve("spark")));
        assertEquals(3, shards.size());
        for (String s : shards) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("jvm").resolve(s)),
                    Files.readAllBytes(tmp.resolve("spark").resolve(s)), s);
        }
        for (String f : List.of(HrDatasetJob.MANIFEST, HrDatasetJob.FAILURES, DatasetIndex.FILE_NAME)) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("jvm").resolve(f)),
                    Files.readAllBytes(tmp.resolve("spark").resolve(f)), f);
        }
        try (Stream<Path> files = Files.list(tmp.resolve("spark"))) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")), "temporaries left");
        }
    }

    @Test
    void shardsHoldWhatTheManifestBuilderCutsAndBadImagesAreListed() throws IOException {
        Path hr = tmp.resolve("hr");
        List<String> names = hrFolder(hr);
        HrDatasetJob.Outcome outcome = HrDatasetJob.runLocal(request(hr, tmp.resolve("ds"), false));

        // The same images through `dataset --data`: a data folder whose manifest lists them in listing order.
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Files.createSymbolicLink(data.resolve("images"), hr);
        StringBuilder manifest = new StringBuilder("path\tsplit\n");
        names.forEach(n -> manifest.append(n).append("\ttrain\n"));
        Files.writeString(data.resolve("manifest.tsv"), manifest);
        new DatasetBuilder(CUT, DatasetListener.SILENT).build(data, tmp.resolve("ref"), "train");

        try (SampleDataset got = SampleDataset.open(tmp.resolve("ds"));
                SampleDataset want = SampleDataset.open(tmp.resolve("ref"))) {
            assertEquals(want.size(), got.size());
            assertTrue(got.size() > 20);
            Iterator<Sample> w = want.iterator();
            int i = 0;
            for (Sample g : got) {
                Sample e = w.next();
                assertEquals(List.of(e.image(), e.x(), e.y()), List.of(g.image(), g.x(), g.y()), "sample " + i);
                assertArrayEquals(e.hr(), g.hr(), "HR of sample " + i);
                assertArrayEquals(e.lr(), g.lr(), "LR of sample " + i);
                i++;
            }
        }
        String broken = "file:" + hr.resolve("a/broken.png"); // as Hadoop names listed local files
        assertEquals(List.of(broken), List.copyOf(outcome.failures().keySet()));
        List<String> failures = Files.readAllLines(tmp.resolve("ds").resolve(HrDatasetJob.FAILURES));
        assertEquals(2, failures.size());
        assertTrue(failures.get(1).startsWith(broken + "\t"), failures.get(1));
        List<String> rows = Files.readAllLines(tmp.resolve("ds").resolve(HrDatasetJob.MANIFEST));
        assertEquals(1 + names.size(), rows.size(), "every image has a manifest row");
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("file:" + hr.resolve("b/tiny.png") + "\ttrain\t8\t8\t0\t")),
                "an image smaller than a sub-image is no failure, it gives no samples: " + rows);
    }

    @Test
    void rerunSkipsFinishedShardsAndRedoesOnlyTheMissingOne() throws IOException, InterruptedException {
        Path hr = tmp.resolve("hr");
        hrFolder(hr);
        Path out = tmp.resolve("ds");
        HrDatasetJob.Outcome first = HrDatasetJob.runLocal(request(hr, out, false));
        byte[] shard1 = Files.readAllBytes(out.resolve("shard-00001.bin"));
        Files.delete(out.resolve("shard-00001.bin"));
        Files.delete(out.resolve("shard-00001.json"));
        // Finished shards are left alone: an old time stamp survives the rerun.
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(out.resolve("shard-00000.bin"), old);
        Files.setLastModifiedTime(out.resolve("shard-00002.bin"), old);

        HrDatasetJob.Outcome second = HrDatasetJob.runLocal(request(hr, out, false));
        assertEquals(1, second.shardsWritten());
        assertEquals(2, second.shardsSkipped());
        assertEquals(first.index(), second.index());
        assertArrayEquals(shard1, Files.readAllBytes(out.resolve("shard-00001.bin")));
        assertEquals(old, Files.getLastModifiedTime(out.resolve("shard-00000.bin")), "skipped, not rewritten");
        assertEquals(old, Files.getLastModifiedTime(out.resolve("shard-00002.bin")), "skipped, not rewritten");

        // A shard cut short since its record was written is made again.
        byte[] shard2 = Files.readAllBytes(out.resolve("shard-00002.bin"));
        Files.write(out.resolve("shard-00002.bin"), java.util.Arrays.copyOf(shard2, shard2.length - 7));
        HrDatasetJob.Outcome third = HrDatasetJob.runLocal(request(hr, out, false));
        assertEquals(1, third.shardsWritten());
        assertArrayEquals(shard2, Files.readAllBytes(out.resolve("shard-00002.bin")));

        HrDatasetJob.Outcome forced = HrDatasetJob.runLocal(request(hr, out, true));
        assertEquals(3, forced.shardsWritten());
        assertEquals(first.index(), forced.index());

        // Other cutting settings: every shard is made again.
        HrDatasetJob.Outcome other = HrDatasetJob.runLocal(new HrDatasetJob.Request(List.of(hr.toString()),
                out.toString(), "train", JobSettings.of(CUT.withMaxPerImage(2), out.toString(), false, Long.MAX_VALUE), 3));
        assertEquals(3, other.shardsWritten());
        assertTrue(other.index().images().stream().allMatch(i -> i.samples() <= 2));
    }

    @Test
    void imagesOverThePixelLimitAreRefusedFromTheirHeader() throws IOException {
        Path hr = tmp.resolve("hr");
        hrFolder(hr);
        Path out = tmp.resolve("ds");
        // img6 is 48x38 = 1824 pixels, img5 45x36 = 1620; the others are smaller.
        HrDatasetJob.Outcome outcome = HrDatasetJob.runLocal(new HrDatasetJob.Request(List.of(hr.toString()),
                out.toString(), "train", JobSettings.of(CUT, out.toString(), false, 1700), 3));
        String big = "file:" + hr.resolve("b/img6.png");
        assertTrue(outcome.failures().getOrDefault(big, "").contains("48x38 pixels, over classsr.input.max-pixels 1700"),
                outcome.failures().toString());
        assertEquals(2, outcome.failures().size(), "img6 and the broken file only: " + outcome.failures());
    }

    private static List<String> shardFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("shard-") && n.endsWith(".bin")).sorted().toList();
        }
    }
}
