package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/** Stage 3 on its own (no Spark): one image's fault fails that image only, and the output is committed last. */
class StitchWriteFnTest {

    @TempDir
    Path dir;

    private StageSettings stage(String hr) {
        return new StageSettings(dir.toString(), null, SparkTesting.engine(), 32, 28, 4, 100_000_000L, 6, 100_000_000L,
                hr);
    }

    /** A 32x32 input (one tile) and its plan; the class map is asked for when {@code map}. */
    private ImagePlan plan(int id, String name, boolean map) {
        Path input = dir.resolve("in/" + name + ".png");
        try {
            Files.createDirectories(input.getParent());
            ImageCodec.write(input, DecodedImage.of(FloatImage.zeros(32, 32, 3)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String out = dir.resolve("out").toUri() + "/";
        return new ImagePlan(id, input.toUri().toString(), name, out + name + ".png",
                map ? out + name + "_classmap.png" : null, 32, 32, "png");
    }

    /** An HR tile (128x128, grey 0.5) at {@code index}, class 0. */
    private static Tuple2<TileKey, TileRecord> tile(int image, int index) {
        float[] hr = new float[3 * 128 * 128];
        java.util.Arrays.fill(hr, 0.5f);
        TileRecord r = new TileRecord(image, index, 0, CompactTile.encode(hr, 3, 128, 128, CompactTile.hrLevels(8)),
                false, 8, false, 0, 0, 0, null);
        return new Tuple2<>(r.key(), r);
    }

    private static List<ImageResult> run(StitchWriteFn fn, List<Tuple2<TileKey, TileRecord>> tiles) {
        List<ImageResult> results = new ArrayList<>();
        fn.call(tiles.iterator()).forEachRemaining(results::add);
        return results;
    }

    private List<String> outputs() throws IOException {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (var files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTileOutsideThePlannedGridFailsItsImageOnly() throws IOException {
        // Image 1's decoder saw a bigger image than its header said: tile 5 of a one-tile grid.
        List<ImagePlan> plans = List.of(plan(0, "good", false), plan(1, "grown", false), plan(2, "after", false));
        List<ImageResult> results = run(new StitchWriteFn(stage(null), plans, null),
                List.of(tile(0, 0), tile(1, 0), tile(1, 5), tile(2, 0)));

        assertEquals(3, results.size());
        assertNull(results.get(0).error());
        assertTrue(results.get(1).error().startsWith("stitch: tile 5 (class 0) is not in the 32x32 grid"),
                results.get(1).error());
        assertNull(results.get(2).error(), "the image after the bad one still completes");
        assertEquals(List.of("after.png", "good.png"), outputs());
    }

    @Test
    void aFailureRecordFromTheBranchStageFailsItsImageWithItsReason() throws IOException {
        List<ImagePlan> plans = List.of(plan(0, "bad", false));
        TileRecord failure = TileRecord.failure(0, "super-resolve: boom");
        List<ImageResult> results = run(new StitchWriteFn(stage(null), plans, null),
                List.of(new Tuple2<>(failure.key(), failure), tile(0, 0)));
        assertEquals("super-resolve: boom", results.get(0).error());
        assertEquals(List.of(), outputs());
    }

    @Test
    void aClassMapThatCannotBeWrittenLeavesNoOutputSoARerunRedoesTheImage() throws IOException {
        List<ImagePlan> plans = List.of(plan(0, "blocked", true), plan(1, "fine", true));
        // A non-empty folder where the class map goes: it cannot be replaced.
        Files.createDirectories(dir.resolve("out/blocked_classmap.png/keep"));
        List<ImageResult> results = run(new StitchWriteFn(stage(null), plans, null), List.of(tile(0, 0), tile(1, 0)));

        assertTrue(results.get(0).error().startsWith("class-map: "), results.get(0).error());
        assertNull(results.get(1).error());
        assertFalse(Files.exists(dir.resolve("out/blocked.png")), "committed although its class map failed");
        assertEquals(List.of("blocked_classmap.png", "fine.png", "fine_classmap.png"), outputs());
    }

    @Test
    void missingGroundTruthFailsTheImageBeforeItsOutputIsCommitted() throws IOException {
        Path hr = Files.createDirectories(dir.resolve("hr"));
        ImageCodec.write(hr.resolve("scored.png"), DecodedImage.of(FloatImage.zeros(128, 128, 3)));
        List<ImagePlan> plans = List.of(plan(0, "scored", false), plan(1, "unscored", false));
        List<ImageResult> results = run(new StitchWriteFn(stage(hr.toUri().toString()), plans, null),
                List.of(tile(0, 0), tile(1, 0)));

        assertNull(results.get(0).error());
        assertTrue(Double.isFinite(results.get(0).psnrY()));
        assertEquals("hr-metrics: not found", results.get(1).error());
        assertEquals(List.of("scored.png"), outputs());
    }

    @Test
    void aTaskThatFailsMidImageStopsItsEncodingThreadAndLeavesNoOutput() throws IOException {
        // A 60x32 input: two tiles. The shuffle read fails after the first one (a lost executor).
        ImagePlan two = new ImagePlan(0, plan(0, "wide", false).input(), "wide", dir.resolve("out").toUri() + "/wide.png",
                null, 60, 32, "png");
        Iterator<Tuple2<TileKey, TileRecord>> failing = new Iterator<>() {
            private boolean first = true;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Tuple2<TileKey, TileRecord> next() {
                if (first) {
                    first = false;
                    return tile(0, 0);
                }
                throw new IllegalStateException("shuffle fetch failed");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StitchWriteFn(stage(null), List.of(two), null).call(failing));
        assertEquals("shuffle fetch failed", e.getMessage());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("classsr-encode-") && t.isAlive()), "an encoding thread is left");
        assertEquals(List.of(), outputs());
    }
}
