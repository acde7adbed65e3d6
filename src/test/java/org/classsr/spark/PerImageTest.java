package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.classsr.model.ModelException;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Stages 1 and 2 on their own (no Spark): a tile that breaks the batch fails its image only; the
 * other images' tiles in the same batch come out as usual.
 */
class PerImageTest {

    @TempDir
    static Path dir;

    static StageSettings stage;

    @BeforeAll
    static void model() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 5);
        stage = new StageSettings(model.toString(), null, SparkTesting.engine(), 32, 28, 4, 100_000_000L, 6,
                100_000_000L, null);
    }

    /** An LR tile of image {@code image}; {@code side} 32 is right, anything else breaks the batch. */
    private static TileRecord tile(int image, int index, int cls, int side) {
        Random random = new Random(31L * image + index);
        float[] pixels = new float[3 * side * side];
        for (int j = 0; j < pixels.length; j++) {
            pixels[j] = random.nextInt(256) / 255f;
        }
        return new TileRecord(image, index, cls, CompactTile.encodeExact(pixels, 3, side, side, 8), false, 8, false, 0,
                0, 0, null);
    }

    @Test
    void classifyFailsOnlyTheImageWithTheBadTile() {
        List<TileRecord> in = List.of(tile(0, 0, -1, 32), tile(1, 0, -1, 32), tile(1, 1, -1, 16), tile(0, 1, -1, 32),
                tile(2, 0, -1, 32));
        List<TileRecord> out = new ArrayList<>();
        new ClassifyFn(stage, null).call(in.iterator()).forEachRemaining(out::add);

        List<TileRecord> failed = out.stream().filter(TileRecord::failed).toList();
        assertEquals(1, failed.size(), out.toString());
        assertEquals(1, failed.get(0).image());
        assertTrue(failed.get(0).error().startsWith("classify: tile 1 has 768 samples, the network takes 3072"),
                failed.get(0).error());
        List<TileRecord> good = out.stream().filter(r -> !r.failed()).toList();
        assertEquals(List.of(0, 0, 2), good.stream().map(TileRecord::image).sorted().toList());
        assertTrue(good.stream().allMatch(r -> r.cls() >= 0 && r.cls() < 3));
    }

    @Test
    void superResolveFailsOnlyTheImageWithTheBadTile() {
        List<Tuple2<TileKey, TileRecord>> in = new ArrayList<>();
        for (TileRecord r : List.of(tile(0, 0, 1, 32), tile(1, 0, 1, 16), tile(0, 1, 1, 32), tile(2, 0, 1, 32))) {
            in.add(new Tuple2<>(r.key(), r));
        }
        List<TileRecord> out = new ArrayList<>();
        new SuperResolveFn(stage, null).call(in.iterator()).forEachRemaining(t -> out.add(t._2()));

        List<TileRecord> failed = out.stream().filter(TileRecord::failed).toList();
        assertEquals(1, failed.size(), out.toString());
        assertEquals(1, failed.get(0).image());
        assertTrue(failed.get(0).error().startsWith("super-resolve: "), failed.get(0).error());
        List<TileRecord> good = out.stream().filter(r -> !r.failed()).toList();
        assertEquals(3, good.size());
        assertTrue(good.stream().allMatch(r -> r.pixels().decode().length == 3 * 128 * 128), "HR tiles");
    }

    @Test
    void aBrokenBranchFailsTheTaskNotEachImage() throws IOException {
        Path broken = TestModels.writeRandomPair(dir.resolve("broken"), 6);
        // Every branch's weights garbled after the fact: no image is at fault.
        try (var files = java.nio.file.Files.list(broken)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".safetensors")
                    && !f.getFileName().toString().startsWith("classifier")).toList()) {
                java.nio.file.Files.writeString(f, "not weights");
            }
        }
        StageSettings settings = new StageSettings(broken.toString(), null, SparkTesting.engine(), 32, 28, 4,
                100_000_000L, 6, 100_000_000L, null);
        List<Tuple2<TileKey, TileRecord>> in = new ArrayList<>();
        for (TileRecord r : List.of(tile(0, 0, 1, 32), tile(1, 0, 1, 32))) {
            in.add(new Tuple2<>(r.key(), r));
        }
        // Thrown, so the task fails (and Spark fails the job), rather than two "failed" images.
        assertThrows(ModelException.class,
                () -> new SuperResolveFn(settings, null).call(in.iterator()).forEachRemaining(t -> { }));
    }
}
