package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.classsr.engine.ModelCache;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.model.ClassSrModel;
import org.classsr.model.LazyNetwork;
import org.classsr.model.ModelException;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Executors load only the networks their tasks run. In local mode the tasks run in this JVM, so
 * the per-JVM model cache the executors used is the one the test inspects; every test writes its
 * own model folder, so nothing another test loaded is seen.
 */
class LazyLoadingTest extends LocalSparkTest {

    @TempDir
    static Path dir;

    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    private static StageSettings stage(Path model) {
        return new StageSettings(model.toString(), null, SparkTesting.engine(), 32, 28, 4, 100_000_000L, 6,
                100_000_000L, null);
    }

    /** {@code count} LR tiles of random pixels, of class {@code cls} (-1: not classified yet). */
    private static List<TileRecord> tiles(int count, int cls) {
        Random random = new Random(cls + 2);
        List<TileRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[3 * 32 * 32];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = random.nextInt(256) / 255f; // on the 8-bit grid, as decoded samples are
            }
            out.add(new TileRecord(0, i, cls, CompactTile.encodeExact(pixels, 3, 32, 32, 8), false, 8, false, 0, 0, 0, null));
        }
        return out;
    }

    /** Which networks this JVM has loaded: classifier, simple, medium, hard. */
    private static List<Boolean> loaded(Path model) {
        ClassSrModel m = ModelCache.get(model);
        return m.networks().stream().map(LazyNetwork::isLoaded).toList();
    }

    @Test
    void aBranchStageTaskLoadsItsOneBranchAndNotTheClassifier() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("branch"), 31);
        // As DistributedUpscaler's stage 2: keyed tiles of one class into SuperResolveFn.
        List<Tuple2<TileKey, TileRecord>> out = sc.parallelize(tiles(5, 1), 2)
                .mapToPair(r -> new Tuple2<>(r.key(), r))
                .mapPartitionsToPair(new SuperResolveFn(stage(model), null))
                .collect();

        assertEquals(5, out.size());
        for (Tuple2<TileKey, TileRecord> t : out) {
            assertEquals(3 * 128 * 128, t._2().pixels().decode().length, "an HR tile of the medium branch");
        }
        assertEquals(List.of(false, false, true, false), loaded(model), "classifier, simple, medium, hard");
    }

    @Test
    void aClassifyTaskLoadsOnlyTheClassifier() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("classify"), 41);
        List<TileRecord> out = sc.parallelize(tiles(5, -1), 2).mapPartitions(new ClassifyFn(stage(model), null))
                .collect();

        assertEquals(5, out.size());
        assertTrue(out.stream().allMatch(r -> r.cls() >= 0 && r.cls() < 3), "every tile classified");
        assertEquals(List.of(true, false, false, false), loaded(model), "classifier, simple, medium, hard");
    }

    @Test
    void aJobLoadsOnlyTheNetworksItsTilesNeed() throws IOException {
        // Dark tiles all go to the simple branch: the job must not load medium or hard anywhere,
        // and the driver's check of every weight file must not leave them loaded either.
        Path model = TestModels.write(dir.resolve("job/classsr"), TestModels.classSrSpec(), 51,
                blocks -> TestModels.setBrightnessClassifier(blocks.get("classifier")));
        FloatImage dark = FloatImage.zeros(60, 40, 3);
        for (int i = 0; i < dark.data().length; i++) {
            dark.data()[i] = 0.1f + 0.2f * (i % 7) / 7;
        }
        Path in = Files.createDirectories(dir.resolve("job/in"));
        ImageCodec.write(in.resolve("dark.png"), DecodedImage.of(dark));
        JobRequest request = new JobRequest(List.of(in.toString()), dir.resolve("job/out").toString(), model,
                SparkTesting.engine(), 64_000_000L, "png", false, false, null);

        JobReport report = DistributedUpscaler.run(spark, SparkTesting.local(), request, null);

        assertEquals(1, report.imagesOk(), report.failures().toString());
        assertEquals(Map.of("simple", 4L, "medium", 0L, "hard", 0L), report.summary().get("tiles_per_class"));
        assertEquals(List.of(true, true, false, false), loaded(model), "classifier, simple, medium, hard");
    }

    @Test
    void aBrokenWeightFileFailsTheJobOnTheDriverBeforeAnyWork() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("broken"), 61);
        Files.write(model.resolve("hard.safetensors"), new byte[] {1}, StandardOpenOption.APPEND);
        Path in = SparkTesting.copySample(SparkTesting.SAMPLES.get(0), dir.resolve("broken/in")).getParent();
        Path out = dir.resolve("broken/out");
        JobRequest request = new JobRequest(List.of(in.toString()), out.toString(), model, SparkTesting.engine(),
                64_000_000L, "png", false, false, null);

        ModelException e = assertThrows(ModelException.class,
                () -> DistributedUpscaler.run(spark, SparkTesting.local(), request, null));

        assertTrue(e.getMessage().contains("hard.safetensors") && e.getMessage().contains("SHA-256 mismatch"),
                e.getMessage());
        assertFalse(Files.exists(out), "nothing written: the job stopped before any work");
    }
}
