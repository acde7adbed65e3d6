package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixedSplitTest {

    private static final List<String> CLASSES = TestModels.CLASSES;

    @TempDir
    Path dir;

    private static int[] histogram(int[] classes, int k) {
        int[] h = new int[k];
        for (int c : classes) {
            h[c]++;
        }
        return h;
    }

    @Test
    void eachClassGetsRoundedShareAndTheLargestTheRemainder() {
        FixedSplit paper = new FixedSplit(new double[] {0.61, 0.23, 0.16});
        assertArrayEquals(new int[] {61, 23, 16}, paper.counts(100));
        // 25 tiles: 15.25, 5.75, 4 -> 15, 6, 4.
        assertArrayEquals(new int[] {15, 6, 4}, paper.counts(25));
        // 7 tiles: 4.27, 1.61, 1.12 -> 4, 2, 1 = 7.
        assertArrayEquals(new int[] {4, 2, 1}, paper.counts(7));
        // Thirds of 2: each rounds to 1 (3 > 2); the largest (first of equals) gives one back.
        FixedSplit thirds = new FixedSplit(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0});
        assertArrayEquals(new int[] {0, 1, 1}, thirds.counts(2));
        // 0.5 x 5 rounds up twice: 3 + 3 = 6 > 5, the largest (the first) gives one back.
        assertArrayEquals(new int[] {2, 3}, new FixedSplit(new double[] {0.5, 0.5}).counts(5));
        // Remainder to the largest: 0.45 x 10 = 4.5 -> 5, 0.1 x 10 = 1, 0.45 -> 5: 11, largest first gives one.
        assertArrayEquals(new int[] {4, 1, 5}, new FixedSplit(new double[] {0.45, 0.1, 0.45}).counts(10));
        assertArrayEquals(new int[] {0, 0, 0}, paper.counts(0));
        for (int n = 0; n < 500; n++) {
            int[] c = paper.counts(n);
            assertEquals(n, Arrays.stream(c).sum(), "every tile gets a class, n=" + n);
            assertEquals(0.61 * n, c[0], 1.5, "the largest class absorbs the rounding, n=" + n);
            assertEquals(Math.round(0.23 * n), c[1], "the smaller classes get exactly their rounded share, n=" + n);
            assertEquals(Math.round(0.16 * n), c[2], "n=" + n);
        }
    }

    @Test
    void assignmentRoutesExactlyTheCountsDeterministicallyAndScattered() {
        FixedSplit split = FixedSplit.of(List.of(0.61, 0.23, 0.16), CLASSES);
        int n = 700;
        int[] classes = split.assign(n);
        assertEquals(n, classes.length);
        assertArrayEquals(split.counts(n), histogram(classes, 3));
        assertArrayEquals(classes, new FixedSplit(new double[] {0.61, 0.23, 0.16}).assign(n), "same n, same routing");
        // Scattered, not in blocks: each half of the tiles holds about half of every class.
        int[] firstHalf = histogram(Arrays.copyOf(classes, n / 2), 3);
        int[] all = split.counts(n);
        for (int k = 0; k < 3; k++) {
            assertEquals(all[k] / 2.0, firstHalf[k], 0.25 * all[k], "class " + k + " in the first half");
        }
        int[] other = new FixedSplit(new double[] {0.16, 0.23, 0.61}).assign(n);
        assertNotEquals(Arrays.toString(classes), Arrays.toString(other));
        assertArrayEquals(new int[] {0, 0, 1}, histogram(new FixedSplit(new double[] {0, 0, 1}).assign(1), 3));
    }

    @Test
    void badSplitsGiveOneClearError() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> FixedSplit.of(List.of(0.5, 0.5), CLASSES));
        assertTrue(count.getMessage().contains("needs 3 fractions, one per class (simple, medium, hard), got 2"),
                count.getMessage());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> FixedSplit.of(List.of(0.6, 0.3, 0.2), CLASSES));
        assertTrue(sum.getMessage().contains("must sum to 1") && sum.getMessage().contains("sum to 1.100000"), sum.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> FixedSplit.of(List.of(1.2, 0.0, -0.2), CLASSES));
        assertTrue(negative.getMessage().contains(">= 0, got -0.2"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FixedSplit(new double[] {Double.NaN, 1}));
        // Within the tolerance is accepted (0.61 + 0.23 + 0.16 is not exactly 1 in binary).
        assertEquals(3, FixedSplit.of(List.of(0.61, 0.23, 0.16 + 5e-7), CLASSES).classes());
    }

    @Test
    void theEngineRoutesBySplitButStillRunsTheClassifier() throws IOException {
        try (ClassSrModel model = ModelLoader.load(EngineTestModels.brightnessRouted(dir.resolve("m")))) {
            FixedSplit split = new FixedSplit(new double[] {0.61, 0.23, 0.16});
            // 200x144 LR: 7 x 5 = 35 tiles; two-row chunks so the split spans several chunks.
            EngineSettings chunks = new EngineSettings(8, 8, 14, new double[] {0, 0, 0});
            UpscaleStats stats = new ClassSrEngine(model, chunks, split)
                    .upscale(TestImages.texture(200, 144, 3, 9)).stats();
            assertEquals(35, stats.tiles());
            assertArrayEquals(split.counts(35), stats.tilesPerClass());
            assertArrayEquals(split.assign(35), stats.tileClasses());
            // The classifier ran (its packing time is measured) and its cost is counted on every tile.
            assertTrue(stats.times().classifyConversionNanos() > 0);
            long executed = 35L * model.classifier().macs().executed();
            int[] counts = split.counts(35);
            for (int k = 0; k < 3; k++) {
                executed += counts[k] * model.branches().get(k).macs().executed();
            }
            assertEquals(executed, stats.macs().executed());

            // The same image by the classifier: the brightness classifier sends no tile to medium.
            UpscaleStats routed = new ClassSrEngine(model, chunks).upscale(TestImages.texture(200, 144, 3, 9)).stats();
            assertEquals(0, routed.tilesPerClass()[1]);
        }
    }

    @Test
    void theEngineRefusesASplitThatDoesNotFitTheModel() throws IOException {
        TestModels.writeRandomPair(dir, 3);
        try (ClassSrModel classsr = ModelLoader.load(dir.resolve("classsr"));
                ClassSrModel original = ModelLoader.load(dir.resolve("fsrcnn-o"))) {
            FixedSplit two = new FixedSplit(new double[] {0.5, 0.5});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ClassSrEngine(classsr, EngineSettings.defaults(), two));
            assertTrue(e.getMessage().contains("3 branches"), e.getMessage());
            FixedSplit one = new FixedSplit(new double[] {1});
            e = assertThrows(IllegalArgumentException.class,
                    () -> new ClassSrEngine(original, EngineSettings.defaults(), one));
            assertTrue(e.getMessage().contains("no classifier"), e.getMessage());
        }
    }
}
