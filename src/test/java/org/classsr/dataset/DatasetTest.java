package org.classsr.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.Quantize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    @TempDir
    Path tmp;

    @Test
    void positionsCoverTheImageAndAnchorTheLastAtTheEdge() {
        assertArrayEquals(new int[] {0, 64, 128, 192}, DatasetBuilder.positions(320, 128, 64));
        assertArrayEquals(new int[] {0, 64, 128, 172}, DatasetBuilder.positions(300, 128, 64));
        assertArrayEquals(new int[] {0}, DatasetBuilder.positions(128, 128, 64));
        assertArrayEquals(new int[0], DatasetBuilder.positions(100, 128, 64));
    }

    @Test
    void shardsRoundTripExactlyWhatWasCut() throws IOException {
        Path data = DatasetTestData.dataFolder(tmp);
        Path out = tmp.resolve("ds");
        DatasetIndex index = new DatasetBuilder(DatasetTestData.DATASET, DatasetListener.SILENT).build(data, out, "train");

        // Expected: cut every train image again in memory.
        DatasetBuilder builder = new DatasetBuilder(DatasetTestData.DATASET, DatasetListener.SILENT);
        List<Sample> expected = new ArrayList<>();
        for (DatasetIndex.SourceImage img : index.images()) {
            FloatImage hr = DatasetBuilder.rgb8(ImageCodec.read(data.resolve("images").resolve(img.path())).color())
                    .cropToMultiple(4);
            assertEquals(hr.width(), img.width());
            List<Sample> cut = builder.cut(img.index(), img.path(), hr);
            assertEquals(cut.size(), img.samples());
            expected.addAll(cut);
        }
        assertEquals(5, index.images().size());
        assertEquals(expected.size(), index.samples());
        assertTrue(index.shards().size() > 2, "shard-samples 10 must give several shards");
        assertEquals(64, index.manifestSha256().length());
        try (SampleDataset ds = SampleDataset.open(out)) {
            assertEquals(expected.size(), ds.size());
            int i = 0;
            for (Sample s : ds) {
                Sample e = expected.get(i);
                assertEquals(e.image(), s.image());
                assertEquals(e.x(), s.x());
                assertEquals(e.y(), s.y());
                assertArrayEquals(e.hr(), s.hr(), "HR of sample " + i);
                assertArrayEquals(e.lr(), s.lr(), "LR of sample " + i);
                i++;
            }
            // random access across a shard boundary
            assertArrayEquals(expected.get(10).hr(), ds.get(10).hr());
            assertArrayEquals(expected.get(9).lr(), ds.get(9).lr());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void lrIsCutFromTheBicubicOfTheWholeImage() throws IOException {
        FloatImage hr = DatasetTestData.image("noise", 40, 36, 5);
        List<Sample> cut = new DatasetBuilder(DatasetTestData.DATASET, DatasetListener.SILENT).cut(0, "x", hr);
        FloatImage lr = Quantize.to8Bit(Bicubic.downscale(hr, 4));
        Sample s = cut.get(cut.size() - 1); // bottom-right, anchored at the edge
        assertEquals(24, s.x());
        assertEquals(20, s.y());
        assertArrayEquals(DatasetBuilder.crop(lr, 6, 5, 4), s.lr());
        assertArrayEquals(DatasetBuilder.crop(hr, 24, 20, 16), s.hr());
    }

    @Test
    void maxPerImageKeepsADeterministicSubset() throws IOException {
        Path data = DatasetTestData.dataFolder(tmp);
        DatasetSettings capped = DatasetTestData.DATASET.withMaxPerImage(3);
        DatasetIndex a = new DatasetBuilder(capped, DatasetListener.SILENT).build(data, tmp.resolve("a"), "train");
        DatasetIndex b = new DatasetBuilder(capped, DatasetListener.SILENT).build(data, tmp.resolve("b"), "train");
        assertEquals(15, a.samples());
        assertTrue(a.images().stream().allMatch(i -> i.samples() == 3));
        assertEquals(a.shards().stream().map(DatasetIndex.Shard::sha256).toList(),
                b.shards().stream().map(DatasetIndex.Shard::sha256).toList());
        DatasetIndex c = new DatasetBuilder(capped.withSeed(99), DatasetListener.SILENT)
                .build(data, tmp.resolve("c"), "train");
        assertFalse(a.shards().get(0).sha256().equals(c.shards().get(0).sha256()), "another seed, another subset");
    }

    @Test
    void truncatedShardIsRefusedWithItsName() throws IOException {
        Path data = DatasetTestData.dataFolder(tmp);
        Path out = tmp.resolve("ds");
        DatasetIndex index = new DatasetBuilder(DatasetTestData.DATASET, DatasetListener.SILENT).build(data, out, "val");
        Path shard = out.resolve(index.shards().get(0).file());
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleDataset.open(out));
        assertTrue(e.getMessage().contains(shard.toString()), e.getMessage());
    }

    @Test
    void headerIsDocumentedLayout() {
        ShardFormat f = ShardFormat.of(128, 4);
        ByteBuffer h = f.header(7);
        assertEquals(32, h.remaining());
        assertEquals('C', h.get(0));
        assertEquals(7, h.getInt(8));
        assertEquals(128, h.getInt(12));
        assertEquals(32, h.getInt(16));
        assertEquals(12 + 3 * 128 * 128 + 3 * 32 * 32, f.recordBytes());
        assertEquals(1, h.getInt(4));
        assertEquals(7, f.checkHeader(h, "x"));
    }

    @Test
    void labelledShardsAreVersionTwoAndOldShardsStillRead() throws IOException {
        ShardFormat plain = ShardFormat.of(16, 4);
        ShardFormat labeled = ShardFormat.of(16, 4, true);
        assertEquals(plain.recordBytes() + 8, labeled.recordBytes());
        assertEquals(2, labeled.header(3).getInt(4));
        assertEquals(3, labeled.checkHeader(labeled.header(3), "x"));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> labeled.checkHeader(plain.header(3), "old.bin"));
        assertTrue(mixed.getMessage().contains("old.bin"), mixed.getMessage());

        // A labelled shard round-trips its labels after the pixels; an unlabelled one refuses labels.
        List<Sample> cut = new DatasetBuilder(DatasetTestData.DATASET, DatasetListener.SILENT).cut(0, "x",
                DatasetTestData.image("noise", 40, 36, 5));
        Path bin = tmp.resolve("shard-00000.bin");
        try (ShardWriter w = new ShardWriter(bin, labeled)) {
            for (int i = 0; i < cut.size(); i++) {
                w.add(cut.get(i), new SampleLabel(i % 3, 20f + i));
            }
            assertThrows(IllegalArgumentException.class, () -> w.add(cut.get(0)));
            w.finish();
        }
        assertEquals(ShardFormat.HEADER_BYTES + (long) cut.size() * labeled.recordBytes(), Files.size(bin));
        DatasetIndex index = new DatasetIndex(DatasetIndex.FORMAT, 2, 16, 4, 8, "train", 0, 7, "-", cut.size(),
                List.of(new DatasetIndex.SourceImage(0, "x", 40, 36, cut.size(), List.of(cut.size(), 0, 0))),
                List.of(new DatasetIndex.Shard(bin.getFileName().toString(), cut.size(), "-")),
                new DatasetIndex.Labels("m", List.of("simple", "medium", "hard"), List.of(1.0, 0.0, -1.0), "a", "o",
                        "b", 0, List.of((long) cut.size(), 0L, 0L)));
        index.write(tmp);
        try (SampleDataset ds = SampleDataset.open(tmp)) {
            assertTrue(ds.labeled());
            for (int i = 0; i < cut.size(); i++) {
                assertArrayEquals(cut.get(i).hr(), ds.get(i).hr());
                assertArrayEquals(cut.get(i).lr(), ds.get(i).lr());
                assertEquals(new SampleLabel(i % 3, 20f + i), ds.label(i));
            }
        }
        // The same index claiming version 1 (or the shard read as unlabelled) is refused, not misread.
        Files.writeString(tmp.resolve(DatasetIndex.FILE_NAME),
                Files.readString(tmp.resolve(DatasetIndex.FILE_NAME)).replace("\"version\" : 2", "\"version\" : 1"));
        assertThrows(IllegalArgumentException.class, () -> SampleDataset.open(tmp));
    }
}
