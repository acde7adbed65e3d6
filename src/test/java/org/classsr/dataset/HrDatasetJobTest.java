package org.classsr.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.classsr.archive.ArchiveKind;
import org.classsr.archive.TestArchives;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.ModelCache;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.Metrics;
import org.classsr.image.Quantize;
import org.classsr.model.ClassSrModel;
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
        return request(hr, out, JobSettings.of(CUT, out.toString(), force, Long.MAX_VALUE), 3);
    }

    /** Split "train" of the images under {@code input} into {@code out}, {@code imagesPerShard} images a shard. */
    private static HrDatasetJob.Request request(Path input, Path out, JobSettings job, int imagesPerShard) {
        return new HrDatasetJob.Request(List.of(input.toString()), out.toString(), "train", job, imagesPerShard);
    }

    /** ClassSR's cut (HR 128, LR 32 = the model's tile) for the labelled runs. */
    static final DatasetSettings CUT128 = new DatasetSettings(128, 64, 4, 0, 7, 1000);
    static final Path MODEL = Path.of("models/classsr-fsrcnn");

    /**
     * {@code hr128/*.png}: smooth, striped and noisy images a little over one 128-pixel sub-image
     * (so the Class-Module sees easy and hard content), and one file that is not an image.
     */
    private static Path hr128Folder(Path hr) throws IOException {
        Files.createDirectories(hr);
        List<String> kinds = List.of("smooth", "stripes", "noise", "smooth2");
        for (int i = 0; i < kinds.size(); i++) {
            FloatImage img = DatasetTestData.image(kinds.get(i), 150 + 10 * i, 130 + 3 * i, i);
            ImageCodec.write(hr.resolve(kinds.get(i) + ".png"), DecodedImage.of(img));
        }
        Files.write(hr.resolve("broken.png"), new byte[] {1, 2, 3});
        return hr;
    }

    private static HrDatasetJob.Request labelled(Path hr, Path out) {
        LabelSettings labels = LabelSettings.of(MODEL, null, 0, EngineSettings.defaults());
        return request(hr, out, JobSettings.of(CUT128, out.toString(), false, Long.MAX_VALUE, labels), 2);
    }

    @Test
    void sparkAndOneJvmRunsWriteByteIdenticalShards() throws IOException {
        Path hr = tmp.resolve("hr");
        hrFolder(hr);
        Path hr128 = hr128Folder(tmp.resolve("hr128"));
        HrDatasetJob.Outcome local = HrDatasetJob.runLocal(request(hr, tmp.resolve("jvm"), false));
        HrDatasetJob.Outcome localLabels = HrDatasetJob.runLocal(labelled(hr128, tmp.resolve("jvm-labels")));
        HrDatasetJob.Outcome spark;
        HrDatasetJob.Outcome sparkLabels;
        SparkSession session = DistributedUpscaler.session(new SparkJobSettings("local[2]", "classsr-dataset-test",
                Map.of("spark.ui.enabled", "false"), 16, 0, 1, 100_000_000L, 0, false, GpuSettings.disabled()));
        try {
            spark = HrDatasetJob.runSpark(session, request(hr, tmp.resolve("spark"), false));
            sparkLabels = HrDatasetJob.runSpark(session, labelled(hr128, tmp.resolve("spark-labels")));
            // As on a cluster whose nodes do not see the driver's model folders: both travel as
            // archives, and the folders are gone before any task runs.
            Path copies = tmp.resolve("copies");
            LabelSettings labels = LabelSettings.of(copyModel(MODEL, copies), copyModel(MODEL.resolveSibling("fsrcnn-o"),
                    copies), 0, EngineSettings.defaults());
            LabelSettings shipped = labels.shipped(JavaSparkContext.fromSparkContext(session.sparkContext()));
            assertTrue(shipped.shippedModel().endsWith(".zip") && shipped.shippedOriginal().endsWith(".zip"));
            deleteTree(copies);
            Path out = tmp.resolve("spark-shipped");
            HrDatasetJob.runSpark(session, new HrDatasetJob.Request(List.of(hr128.toString()), out.toString(), "train",
                    JobSettings.of(CUT128, out.toString(), false, Long.MAX_VALUE, shipped), 2), false);
        } finally {
            session.stop();
        }
        assertSameFiles(tmp.resolve("jvm-labels"), tmp.resolve("spark-shipped"), 3);
        assertEquals(3, local.shardsWritten(), "9 images, 3 per shard");
        assertEquals(local.index(), spark.index());
        assertSameFiles(tmp.resolve("jvm"), tmp.resolve("spark"), 3);

        // Labelled: version-2 shards, labels and per-class counts byte-identical too.
        assertEquals(3, localLabels.shardsWritten(), "5 images, 2 per shard");
        assertEquals(localLabels.index(), sparkLabels.index());
        assertEquals(ShardFormat.LABELED_VERSION, localLabels.index().version());
        assertEquals(List.of("file:" + hr128.resolve("broken.png")), List.copyOf(sparkLabels.failures().keySet()));
        assertSameFiles(tmp.resolve("jvm-labels"), tmp.resolve("spark-labels"), 3);
        try (SampleDataset ds = SampleDataset.open(tmp.resolve("spark-labels"))) {
            assertTrue(ds.labeled());
            assertTrue(ds.size() >= 8, "at least 2 sub-images per good image, got " + ds.size());
        }
    }

    /** Copies a model folder's files (not its subfolders) into {@code parent}. */
    private static Path copyModel(Path model, Path parent) throws IOException {
        Path copy = Files.createDirectories(parent.resolve(model.getFileName()));
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The same shard files, and byte-identical shards, records, manifest, failures and index. */
    private static void assertSameFiles(Path a, Path b, int shardCount) throws IOException {
        List<String> shards = shardFiles(a);
        assertEquals(shards, shardFiles(b));
        assertEquals(shardCount, shards.size());
        for (String s : shards) {
            assertArrayEquals(Files.readAllBytes(a.resolve(s)), Files.readAllBytes(b.resolve(s)), s);
            String record = s.replace(".bin", ".json");
            assertArrayEquals(Files.readAllBytes(a.resolve(record)), Files.readAllBytes(b.resolve(record)), record);
        }
        for (String f : List.of(HrDatasetJob.MANIFEST, HrDatasetJob.FAILURES, DatasetIndex.FILE_NAME)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        try (Stream<Path> files = Files.list(b)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")), "temporaries left");
        }
    }

    @Test
    void labelsAreTheEngineRoutingAndTheOriginalNetworksPsnr() throws IOException {
        Path hr128 = hr128Folder(tmp.resolve("hr128"));
        Path out = tmp.resolve("labels");
        // An unlabelled run first: the labelled run must redo every shard (its settings differ), a rerun none.
        HrDatasetJob.Outcome plain = HrDatasetJob.runLocal(request(hr128, out,
                JobSettings.of(CUT128, out.toString(), false, Long.MAX_VALUE), 2));
        assertEquals(ShardFormat.VERSION, plain.index().version());
        assertNull(plain.index().labels());
        try (SampleDataset ds = SampleDataset.open(out)) {
            assertFalse(ds.labeled());
            assertThrows(IllegalStateException.class, () -> ds.label(0));
        }
        HrDatasetJob.Outcome first = HrDatasetJob.runLocal(labelled(hr128, out));
        assertEquals(3, first.shardsWritten());
        HrDatasetJob.Outcome again = HrDatasetJob.runLocal(labelled(hr128, out));
        assertEquals(List.of(0, 3), List.of(again.shardsWritten(), again.shardsSkipped()));

        ClassSrModel model = ModelCache.get(MODEL);
        ClassSrEngine routing = new ClassSrEngine(model, EngineSettings.defaults());
        ClassSrEngine original = new ClassSrEngine(ModelCache.get(model.originalFolder()), EngineSettings.defaults());
        DatasetIndex.Labels labels = first.index().labels();
        assertEquals(model.spec().classNames(), labels.classes());
        assertEquals(model.spec().classBias(), labels.classBias());
        assertEquals("fsrcnn-o", labels.original());
        long[] counts = new long[3];
        List<Double> psnrs = new ArrayList<>();
        try (SampleDataset ds = SampleDataset.open(out)) {
            assertEquals(first.index().samples(), ds.size());
            for (int i = 0; i < ds.size(); i++) {
                Sample s = ds.get(i);
                SampleLabel label = ds.label(i);
                FloatImage lr = image(s.lr(), 32);
                // The engine upscaling the LR sub-image alone (one tile) routes it to the label's class ...
                int[] tileClasses = routing.upscale(lr).stats().tileClasses();
                assertEquals(1, tileClasses.length);
                assertEquals(tileClasses[0], label.cls(), "class of sample " + i);
                // ... and the "-O" model's output scores the label's PSNR-Y against the HR sub-image. The
                // engine runs one tile per batch here, the labeler a batch of them: float sums may differ
                // in the last bits and move a pixel across an 8-bit rounding edge (1e-4 dB at 55 dB), so
                // 0.01 dB. A 4-pixel border instead of 0 already moves the first (noisy) one by 0.014 dB.
                FloatImage sr = Quantize.to8Bit(original.upscale(lr).image());
                double psnr = Math.min(100, Metrics.psnrY(sr, image(s.hr(), 128), 0));
                assertEquals(psnr, label.psnrY(), 0.01, "PSNR-Y of sample " + i);
                psnrs.add(psnr);
                counts[label.cls()]++;
            }
        }
        assertEquals(List.of(counts[0], counts[1], counts[2]), labels.counts());
        assertTrue(psnrs.stream().distinct().count() > psnrs.size() / 2, "PSNR-Y differs by sub-image: " + psnrs);
        assertTrue(Arrays.stream(counts).filter(c -> c > 0).count() >= 2,
                "smooth and noisy content must not all land in one class: " + Arrays.toString(counts));
        // The manifest's per-class columns add up to the same counts.
        List<String> rows = Files.readAllLines(out.resolve(HrDatasetJob.MANIFEST));
        assertEquals("path\tsplit\twidth\theight\tsamples\tshard\tsimple\tmedium\thard", rows.get(0));
        long[] fromManifest = new long[3];
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split("\t");
            for (int k = 0; k < 3; k++) {
                fromManifest[k] += Long.parseLong(f[6 + k]);
            }
        }
        assertArrayEquals(counts, fromManifest);

        // The model's class-bias is applied: the same networks with class-bias [1000, 0, -1000] label
        // every sub-image simple; and other labels are other settings, so that run redoes every shard.
        Path biased = copyFiles(MODEL, tmp.resolve("models/classsr-fsrcnn"));
        copyFiles(model.originalFolder(), tmp.resolve("models/fsrcnn-o"));
        String conf = Files.readString(biased.resolve("model.conf"));
        String edited = conf.replaceFirst("(?m)^class-bias=\\[[^\\]]*\\]", "class-bias=[1000, 0, -1000]");
        assertNotEquals(conf, edited);
        Files.writeString(biased.resolve("model.conf"), edited);
        LabelSettings biasedLabels = LabelSettings.of(biased, null, 0, EngineSettings.defaults());
        HrDatasetJob.Outcome allSimple = HrDatasetJob.runLocal(request(hr128, out,
                JobSettings.of(CUT128, out.toString(), false, Long.MAX_VALUE, biasedLabels), 2));
        assertEquals(List.of(3, 0), List.of(allSimple.shardsWritten(), allSimple.shardsSkipped()));
        assertEquals(List.of(first.index().samples(), 0L, 0L), allSimple.index().labels().counts());
    }

    /** Copies the files (not the subfolders) of a folder. */
    private static Path copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /** 8-bit CHW bytes as the engine's decoder gives pixels: value / 255. */
    private static FloatImage image(byte[] chw, int side) {
        float[] v = new float[chw.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (chw[i] & 0xff) / 255f;
        }
        return new FloatImage(side, side, 3, v);
    }

    @Test
    void archivesOfTheImagesGiveTheFoldersShards() throws IOException {
        Path hr = tmp.resolve("hr");
        List<String> names = hrFolder(hr);
        HrDatasetJob.runLocal(request(hr, tmp.resolve("folder"), false));
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (String n : names) { // listing order: sorted, as the folder is listed
            members.put("set/" + n, Files.readAllBytes(hr.resolve(n)));
        }
        Path zip = TestArchives.zip(tmp.resolve("in/hr.zip"), members, Set.of("set/" + names.get(0)));
        Path tgz = TestArchives.tgz(tmp.resolve("in/hr.tgz"), members);
        for (Path archive : List.of(zip, tgz)) {
            Path out = tmp.resolve("from-" + archive.getFileName());
            HrDatasetJob.Outcome o = HrDatasetJob.runLocal(request(archive, out,
                    JobSettings.of(CUT, out.toString(), false, Long.MAX_VALUE), 3));
            assertEquals(3, o.shardsWritten(), archive.toString());
            List<String> shards = shardFiles(tmp.resolve("folder"));
            assertEquals(shards, shardFiles(out));
            for (String s : shards) { // records hold image indices and pixels, not paths: the same bytes
                assertArrayEquals(Files.readAllBytes(tmp.resolve("folder").resolve(s)), Files.readAllBytes(out.resolve(s)),
                        archive + " " + s);
            }
            String broken = "file:" + archive + ArchiveKind.SEPARATOR + "set/a/broken.png";
            assertEquals(List.of(broken), List.copyOf(o.failures().keySet()), archive.toString());
            assertTrue(o.index().images().stream().anyMatch(i -> i.path().equals("file:" + archive
                    + ArchiveKind.SEPARATOR + "set/b/tiny.png")), "members named ARCHIVE!/PATH");
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
        HrDatasetJob.Outcome other = HrDatasetJob.runLocal(request(hr, out,
                JobSettings.of(CUT.withMaxPerImage(2), out.toString(), false, Long.MAX_VALUE), 3));
        assertEquals(3, other.shardsWritten());
        assertTrue(other.index().images().stream().allMatch(i -> i.samples() <= 2));
    }

    @Test
    void imagesOverThePixelLimitAreRefusedFromTheirHeader() throws IOException {
        Path hr = tmp.resolve("hr");
        hrFolder(hr);
        Path out = tmp.resolve("ds");
        // img6 is 48x38 = 1824 pixels, img5 45x36 = 1620; the others are smaller.
        HrDatasetJob.Outcome outcome = HrDatasetJob.runLocal(request(hr, out,
                JobSettings.of(CUT, out.toString(), false, 1700), 3));
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
