package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassSrEngineTest {

    @TempDir
    Path dir;

    /** LR image: left part dark (0.1), right part bright (0.9). */
    private static FloatImage halves(int width, int height, int split) {
        FloatImage img = FloatImage.zeros(width, height, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    img.set(c, x, y, x < split ? 0.1f : 0.9f);
                }
            }
        }
        return img;
    }

    @Test
    void routesEachTileToItsClassBranchAndStitchesThem() throws IOException {
        try (ClassSrModel model = ModelLoader.load(EngineTestModels.brightnessRouted(dir.resolve("m")))) {
            ClassSrEngine engine = new ClassSrEngine(model, EngineSettings.defaults());
            // Width 96: tiles at x = 0, 28, 56, 64. Means 0.1, 0.4 (20 dark + 12 bright), 0.9, 0.9.
            UpscaleResult result = engine.upscale(halves(96, 40, 48));
            UpscaleStats stats = result.stats();
            assertEquals(8, stats.tiles());
            assertArrayEquals(new int[] {4, 0, 4}, stats.tilesPerClass());
            assertArrayEquals(new int[] {0, 0, 2, 2, 0, 0, 2, 2}, stats.tileClasses());

            FloatImage out = result.image();
            assertEquals(384, out.width());
            assertEquals(160, out.height());
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 160; y++) {
                    // Only simple tiles cover HR x < 224 (LR 56); only hard tiles cover HR x >= 240 (LR 60).
                    assertEquals(0.2f, out.get(c, 0, y), 1e-6);
                    assertEquals(0.2f, out.get(c, 223, y), 1e-6);
                    assertEquals(0.8f, out.get(c, 240, y), 1e-6);
                    assertEquals(0.8f, out.get(c, 383, y), 1e-6);
                    // Between them the feathered blend moves monotonically from one to the other.
                    for (int x = 224; x < 240; x++) {
                        assertTrue(out.get(c, x, y) >= out.get(c, x - 1, y) - 1e-6, "monotone at x=" + x);
                    }
                }
            }

            // Costs: every tile pays the classifier plus its own branch, in both conventions.
            long executed = 8 * model.classifier().macs().executed() + 4 * model.branches().get(0).macs().executed()
                    + 4 * model.branches().get(2).macs().executed();
            long paper = 8 * model.classifier().macs().paper() + 4 * model.branches().get(0).macs().paper()
                    + 4 * model.branches().get(2).macs().paper();
            assertEquals(executed, stats.macs().executed());
            assertEquals(paper, stats.macs().paper());
            assertTrue(stats.times().totalNanos() >= stats.times().networkNanos());
        }
    }

    @Test
    void classBiasMovesTilesBetweenBranches() throws IOException {
        try (ClassSrModel model = ModelLoader.load(EngineTestModels.brightnessRouted(dir.resolve("m")))) {
            EngineSettings towardsMedium = EngineSettings.defaults().withClassBias(new double[] {0, 10, 0});
            UpscaleStats stats = new ClassSrEngine(model, towardsMedium).upscale(halves(96, 40, 48)).stats();
            assertArrayEquals(new int[] {0, 8, 0}, stats.tilesPerClass());

            EngineSettings towardsHard = EngineSettings.defaults().withClassBias(new double[] {0, 0, 3.5});
            // Means 0.1 -> logits (4, 0, -4+3.5): simple; 0.4 -> (1, 0, -1+3.5): hard; bright: hard.
            UpscaleStats hard = new ClassSrEngine(model, towardsHard).upscale(halves(96, 40, 48)).stats();
            assertArrayEquals(new int[] {2, 0, 6}, hard.tilesPerClass());
        }
    }

    @Test
    void theModelsCalibratedBiasAppliesUnderTheSettingsBias() throws IOException {
        Path folder = EngineTestModels.brightnessRouted(dir.resolve("m"));
        org.classsr.model.ModelSpec.read(folder).withClassBias(java.util.List.of(0.0, 0.0, 3.5)).write(folder);
        try (ClassSrModel model = ModelLoader.load(folder)) {
            assertEquals(3.5, model.spec().bias(2));
            UpscaleStats calibrated = new ClassSrEngine(model, EngineSettings.defaults()).upscale(halves(96, 40, 48))
                    .stats();
            assertArrayEquals(new int[] {2, 0, 6}, calibrated.tilesPerClass());
            // A run-time bias adds to the calibrated one: 3.5 - 3.5 = 0 gives the uncalibrated routing.
            EngineSettings undo = EngineSettings.defaults().withClassBias(new double[] {0, 0, -3.5});
            assertArrayEquals(new int[] {4, 0, 4},
                    new ClassSrEngine(model, undo).upscale(halves(96, 40, 48)).stats().tilesPerClass());
        }
    }

    @Test
    void identicalBranchesGiveExactlyTheOriginalNetworksOutput() throws IOException {
        Path classsrDir = EngineTestModels.identicalBranches(dir);
        try (ClassSrModel classsr = ModelLoader.load(classsrDir);
                ClassSrModel original = ModelLoader.load(classsr.originalFolder())) {
            FloatImage lr = TestImages.texture(70, 45, 3, 5);
            EngineSettings smallChunks = new EngineSettings(5, 7, 9, new double[] {0, 0, 0});
            FloatImage routed = new ClassSrEngine(classsr, smallChunks).upscale(lr).image();
            FloatImage plain = new ClassSrEngine(original, EngineSettings.defaults()).upscale(lr).image();
            float max = 0;
            for (int i = 0; i < routed.data().length; i++) {
                max = Math.max(max, Math.abs(routed.data()[i] - plain.data()[i]));
            }
            assertTrue(max < 1e-5, "max difference " + max);
        }
    }

    /** Chunks stitched on the worker while the next chunk runs give the very same image. */
    @Test
    void overlappedStitchingGivesTheSameImageAsStitchingInLine() throws IOException {
        try (ClassSrModel model = ModelLoader.load(EngineTestModels.brightnessRouted(dir.resolve("m")))) {
            FloatImage lr = TestImages.texture(90, 75, 3, 11);
            EngineSettings rowChunks = new EngineSettings(4, 8, 3, new double[] {0, 0, 0}); // one tile row a chunk
            UpscaleResult overlapped = new ClassSrEngine(model, rowChunks, null, true).upscale(lr);
            UpscaleResult inline = new ClassSrEngine(model, rowChunks, null, false).upscale(lr);
            assertArrayEquals(inline.image().data(), overlapped.image().data());
            assertArrayEquals(inline.stats().tileClasses(), overlapped.stats().tileClasses());
            assertTrue(overlapped.stats().times().stitchNanos() > 0);
        }
    }

    /** A sink failing on the stitching thread fails the call with the sink's exception. */
    @Test
    void aFailureWhileStitchingReachesTheCaller() throws IOException {
        try (ClassSrModel model = ModelLoader.load(EngineTestModels.brightnessRouted(dir.resolve("m")))) {
            EngineSettings rowChunks = new EngineSettings(4, 8, 3, new double[] {0, 0, 0});
            org.classsr.tile.BandSink failing = (y0, band) -> {
                throw new IllegalStateException("disk full");
            };
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new ClassSrEngine(model, rowChunks).upscale(TestImages.texture(90, 75, 3, 11), failing,
                            ProgressListener.NONE));
            assertEquals("disk full", e.getMessage());
        }
    }

    @Test
    void everyOutputPixelIsWrittenForAnySize() throws IOException {
        TestModels.writeRandomPair(dir, 5);
        try (ClassSrModel model = ModelLoader.load(dir.resolve("classsr"))) {
            ClassSrEngine engine = new ClassSrEngine(model, new EngineSettings(16, 16, 40, new double[0]));
            for (int[] size : new int[][] {{1, 1}, {5, 3}, {31, 33}, {33, 65}, {100, 29}}) {
                FloatImage lr = TestImages.texture(size[0], size[1], 3, size[0] * 31 + size[1]);
                List<int[]> bands = new ArrayList<>();
                UpscaleStats stats = engine.upscale(lr, (y0, band) -> {
                    bands.add(new int[] {y0, band.height()});
                    assertEquals(size[0] * 4, band.width());
                    for (float v : band.data()) {
                        assertTrue(Float.isFinite(v));
                    }
                }, ProgressListener.NONE);
                int next = 0;
                for (int[] b : bands) {
                    assertEquals(next, b[0], "bands are consecutive");
                    next += b[1];
                }
                assertEquals(size[1] * 4, next, "every output row written once for " + size[0] + "x" + size[1]);
                assertEquals(stats.tiles(), java.util.Arrays.stream(stats.tilesPerClass()).sum());
            }
        }
    }

    @Test
    void greyStaysGreyAndAlphaIsUpscaled() throws IOException {
        TestModels.writeRandomPair(dir, 6);
        try (ClassSrModel model = ModelLoader.load(dir.resolve("classsr"))) {
            ImageUpscaler upscaler = new ImageUpscaler(new ClassSrEngine(model, EngineSettings.defaults()));
            FloatImage grey = TestImages.texture(20, 12, 1, 1);
            DecodedImage out = upscaler.upscale(new DecodedImage(grey, null, 16, "png"), ProgressListener.NONE).image();
            assertEquals(1, out.color().channels());
            assertEquals(80, out.color().width());
            assertEquals(16, out.bitDepth());

            FloatImage alpha = FloatImage.zeros(20, 12, 1);
            java.util.Arrays.fill(alpha.data(), 0.5f);
            DecodedImage rgba = upscaler.upscale(new DecodedImage(TestImages.texture(20, 12, 3, 2), alpha, 8, "png"),
                    ProgressListener.NONE).image();
            assertNotNull(rgba.alpha());
            assertEquals(80, rgba.alpha().width());
            assertEquals(48, rgba.alpha().height());
            assertEquals(0.5f, rgba.alpha().get(0, 40, 20), 1e-6);
        }
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        TestModels.writeRandomPair(dir, 8);
        try (ClassSrModel model = ModelLoader.load(dir.resolve("classsr"))) {
            ClassSrEngine engine = new ClassSrEngine(model, EngineSettings.defaults());
            FloatImage a = TestImages.texture(50, 40, 3, 1);
            FloatImage b = TestImages.texture(40, 50, 3, 2);
            FloatImage expectA = engine.upscale(a).image();
            FloatImage expectB = engine.upscale(b).image();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<FloatImage> fa = pool.submit(() -> engine.upscale(a).image());
                Future<FloatImage> fb = pool.submit(() -> engine.upscale(b).image());
                assertArrayEquals(expectA.data(), fa.get().data(), 1e-5f);
                assertArrayEquals(expectB.data(), fb.get().data(), 1e-5f);
            } finally {
                pool.shutdown();
            }
        }
    }
}
