package org.classsr.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.classsr.image.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StitcherTest {

    static Stream<Arguments> identitySizes() {
        int[][] sizes = {{1, 1}, {1, 1000}, {1000, 1}, {5, 3}, {7, 40}, {31, 33}, {32, 32}, {33, 32},
            {60, 61}, {100, 60}, {1000, 777}};
        List<Arguments> result = new ArrayList<>();
        for (int[] s : sizes) {
            result.add(Arguments.of(s[0], s[1], 32, 28));
            result.add(Arguments.of(s[0], s[1], 8, 5));
        }
        result.add(Arguments.of(100, 60, 16, 16));
        result.add(Arguments.of(100, 60, 16, 1));
        return result.stream();
    }

    @ParameterizedTest(name = "{0}x{1} size {2} step {3}")
    @MethodSource("identitySizes")
    void splitThenStitchIsTheIdentity(int width, int height, int size, int step) {
        FloatImage image = TestImages.random(width, height, 3, 31L * width + height);
        TileGrid grid = TileGrid.cover(width, height, size, step);
        float[] batch = TileExtractor.extractAll(image, grid);
        int length = TileExtractor.tileLength(3, size);
        FloatImage stitched = Stitcher.stitch(grid, 1, 3,
                i -> Arrays.copyOfRange(batch, i * length, (i + 1) * length));
        assertEquals(image.width(), stitched.width());
        assertEquals(image.height(), stitched.height());
        assertArrayEquals(image.data(), stitched.data(), 0f);
    }

    static Stream<Arguments> networkSizes() {
        int[][] sizes = {{1, 1}, {5, 3}, {31, 33}, {32, 32}, {33, 32}, {61, 47}, {100, 60}, {20, 150}};
        List<Arguments> result = new ArrayList<>();
        for (int[] s : sizes) {
            result.add(Arguments.of(s[0], s[1], 32, 28));
            result.add(Arguments.of(s[0], s[1], 8, 5));
        }
        return result.stream();
    }

    @ParameterizedTest(name = "{0}x{1} size {2} step {3}")
    @MethodSource("networkSizes")
    void perPixelNetworkThroughTilesEqualsWholeImage(int width, int height, int size, int step) {
        TestImages.PerPixelNet net = new TestImages.PerPixelNet(3, 8, 4, 7);
        FloatImage image = TestImages.random(width, height, 3, 1000L * width + height);
        FloatImage direct = net.apply(image);

        TileGrid grid = TileGrid.cover(width, height, size, step);
        float[] batch = TileExtractor.extractAll(image, grid);
        int length = TileExtractor.tileLength(3, size);
        FloatImage tiled = Stitcher.stitch(grid, 4, 3, i -> net.apply(batch, i * length, size, size));
        assertEquals(direct.width(), tiled.width());
        assertEquals(direct.height(), tiled.height());
        assertArrayEquals(direct.data(), tiled.data(), 0f);
    }

    @Test
    void anyOrderWithinARowGivesTheSameImage() {
        TestImages.PerPixelNet net = new TestImages.PerPixelNet(3, 8, 4, 9);
        FloatImage image = TestImages.random(75, 50, 3, 11);
        TileGrid grid = TileGrid.cover(75, 50, 8, 5);
        FloatImage direct = net.apply(image);
        ImageAssembler assembler = ImageAssembler.forOutput(grid, 4, 3);
        Stitcher stitcher = new Stitcher(grid, 4, 3, assembler);
        Random random = new Random(3);
        for (int r = 0; r < grid.rows(); r++) {
            List<Tile> row = new ArrayList<>(grid.row(r));
            Collections.shuffle(row, random);
            for (Tile tile : row) {
                float[] hr = net.apply(TileExtractor.extract(image, tile, 8), 0, 8, 8);
                float[] padded = new float[hr.length + 5];
                System.arraycopy(hr, 0, padded, 5, hr.length);
                stitcher.add(tile, padded, 5);
            }
        }
        stitcher.finish();
        assertArrayEquals(direct.data(), assembler.result().data(), 0f);
    }

    /** Nearest-neighbour x scale of a CHW block: a per-pixel "network" that is cheap to check. */
    private static float[] replicate(float[] lr, int width, int height, int channels, int scale) {
        int w = width * scale;
        int h = height * scale;
        float[] hr = new float[channels * w * h];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    hr[(c * h + y) * w + x] = lr[(c * height + y / scale) * width + x / scale];
                }
            }
        }
        return hr;
    }

    @Test
    void tallImageStreamsInConsecutiveBandsWithABoundedBuffer() {
        int scale = 4;
        FloatImage image = TestImages.random(40, 2000, 2, 12);
        TileGrid grid = TileGrid.cover(40, 2000, 32, 28);
        int outWidth = grid.outputWidth(scale);
        int[] nextRow = {0};
        int[] bands = {0};
        Stitcher stitcher = new Stitcher(grid, scale, 2, (y0, band) -> {
            assertEquals(nextRow[0], y0, "bands are consecutive");
            assertEquals(outWidth, band.width());
            assertEquals(2, band.channels());
            assertTrue(band.height() > 0);
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < band.height(); y++) {
                    for (int x = 0; x < outWidth; x++) {
                        assertEquals(image.get(c, x / scale, (y0 + y) / scale), band.get(c, x, y));
                    }
                }
            }
            nextRow[0] += band.height();
            bands[0]++;
        });
        for (int r = 0; r < grid.rows(); r++) {
            for (Tile tile : grid.row(r)) {
                stitcher.add(tile, replicate(TileExtractor.extract(image, tile, 32), 32, 32, 2, scale), 0);
            }
            // Everything above this row's top edge is out already: streaming, not collecting.
            assertEquals(grid.y(r) * scale, stitcher.emittedRows());
            assertEquals(stitcher.emittedRows(), nextRow[0]);
        }
        stitcher.finish();
        assertEquals(8000, nextRow[0], "every output row exactly once");
        assertEquals(grid.rows(), bands[0]);
        assertEquals(32 * scale, stitcher.bufferCapacityRows());
        assertTrue(stitcher.maxBufferedRows() <= 32 * scale, "buffered " + stitcher.maxBufferedRows());
    }

    @Test
    void shortOutputBuffersOnlyItsOwnHeight() {
        TileGrid grid = TileGrid.cover(100, 5, 32, 28);
        Stitcher stitcher = new Stitcher(grid, 4, 1, (y0, band) -> { });
        assertEquals(20, stitcher.bufferCapacityRows());
    }

    @Test
    void featheringCrossFadesMonotonicallyAcrossTheOverlap() {
        // Width 13 with size 8, step 5: tiles at x = 0 and x = 5, overlapping 3 LR = 12 HR pixels.
        TileGrid grid = TileGrid.cover(13, 8, 8, 5);
        assertArrayEquals(new int[] {0, 5}, grid.xs());
        int scale = 4;
        float a = 0.2f;
        float b = 0.9f;
        int length = TileExtractor.tileLength(1, 8 * scale);
        FloatImage out = Stitcher.stitch(grid, scale, 1, i -> {
            float[] hr = new float[length];
            Arrays.fill(hr, i == 0 ? a : b);
            return hr;
        });
        int overlapStart = 5 * scale;
        int overlapEnd = 8 * scale;
        int ramp = (8 - 5) * scale;
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                float v = out.get(0, x, y);
                if (x < overlapStart) {
                    assertEquals(a, v, 0f, "left of the overlap");
                } else if (x >= overlapEnd) {
                    assertEquals(b, v, 0f, "right of the overlap");
                } else {
                    assertTrue(v > a && v < b, "no overshoot at x=" + x + ": " + v);
                    float previous = out.get(0, x - 1, y);
                    assertTrue(v > previous, "monotonic at x=" + x);
                    // A linear ramp: no step bigger than one ramp increment (plus rounding).
                    assertTrue(v - previous <= (b - a) / ramp + 1e-6f, "no hard step at x=" + x);
                    // Symmetric cross-fade around the middle of the overlap.
                    float mirror = out.get(0, overlapStart + overlapEnd - 1 - x, y);
                    assertEquals(a + b, v + mirror, 1e-6f);
                }
                assertEquals(out.get(0, x, 0), v, 0f, "every row alike");
            }
        }
        assertTrue(out.get(0, overlapEnd, 0) - out.get(0, overlapEnd - 1, 0) <= (b - a) / ramp + 1e-6f);
    }

    @Test
    void featherWeightsRampAndStayPositive() {
        double[] w = Stitcher.featherWeights(8, 4);
        assertArrayEquals(new double[] {0.125, 0.375, 0.625, 0.875, 0.875, 0.625, 0.375, 0.125}, w, 0);
        assertArrayEquals(new double[] {1, 1, 1}, Stitcher.featherWeights(3, 0), 0);
        for (double v : Stitcher.featherWeights(128, 16)) {
            assertTrue(v > 0 && v <= 1);
        }
        // Two ramps over a nominal overlap sum to 1.
        double[] big = Stitcher.featherWeights(128, 16);
        for (int i = 0; i < 16; i++) {
            assertEquals(1.0, big[112 + i] + big[i], 1e-12);
        }
    }

    @Test
    void rowsArrivingBeforeTheRowAboveIsCompleteAreRejected() {
        TileGrid grid = TileGrid.cover(60, 60, 32, 28); // 2 x 2 tiles
        int length = TileExtractor.tileLength(1, 32);
        ImageAssembler assembler = ImageAssembler.forOutput(grid, 1, 1);
        Stitcher stitcher = new Stitcher(grid, 1, 1, assembler);
        stitcher.add(grid.tile(0, 0), new float[length], 0);
        assertAddRefused(stitcher, grid.tile(1, 0), length, "(0, 1)");
        // Nothing changed: the caller can still complete the image.
        stitcher.add(grid.tile(0, 1), new float[length], 0);
        stitcher.add(grid.tile(1, 1), new float[length], 0);
        stitcher.add(grid.tile(1, 0), new float[length], 0);
        stitcher.finish();
        assertEquals(60, assembler.result().height());
    }

    @Test
    void tileOfAnAlreadyFlushedRowIsRejected() {
        TileGrid grid = TileGrid.cover(60, 60, 32, 28);
        int length = TileExtractor.tileLength(1, 32);
        Stitcher stitcher = new Stitcher(grid, 1, 1, (y0, band) -> { });
        for (Tile tile : grid.row(0)) {
            stitcher.add(tile, new float[length], 0);
        }
        stitcher.add(grid.tile(1, 1), new float[length], 0);
        assertAddRefused(stitcher, grid.tile(0, 1), length, "flushed");
    }

    @Test
    void duplicateTileIsRejected() {
        TileGrid grid = TileGrid.cover(60, 60, 32, 28);
        int length = TileExtractor.tileLength(1, 32);
        Stitcher stitcher = new Stitcher(grid, 1, 1, (y0, band) -> { });
        stitcher.add(grid.tile(0, 1), new float[length], 0);
        assertAddRefused(stitcher, grid.tile(0, 1), length, "duplicate tile (row 0, col 1)");
    }

    /** Adding {@code tile} (zeros of {@code length}) is refused with a message that contains {@code expected}. */
    private static void assertAddRefused(Stitcher stitcher, Tile tile, int length, String expected) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> stitcher.add(tile, new float[length], 0));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void missingTileIsNamedAtFinish() {
        TileGrid grid = TileGrid.cover(100, 60, 32, 28); // 2 rows x 4 cols
        int length = TileExtractor.tileLength(1, 32);
        List<Integer> emitted = new ArrayList<>();
        Stitcher stitcher = new Stitcher(grid, 1, 1, (y0, band) -> emitted.add(y0));
        for (Tile tile : grid.tiles()) {
            if (tile.row() != 1 || tile.col() != 2) {
                stitcher.add(tile, new float[length], 0);
            }
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, stitcher::finish);
        assertTrue(e.getMessage().contains("(1, 2)"), e.getMessage());
        assertEquals(List.of(0), emitted, "the unfinished band was not emitted");
    }

    @Test
    void finishTwiceAndAddAfterFinishAreRejected() {
        TileGrid grid = TileGrid.cover(10, 10, 32, 28);
        int length = TileExtractor.tileLength(1, 32);
        Stitcher stitcher = new Stitcher(grid, 1, 1, (y0, band) -> { });
        stitcher.add(grid.tile(0), new float[length], 0);
        stitcher.finish();
        assertThrows(IllegalStateException.class, stitcher::finish);
        assertThrows(IllegalStateException.class, () -> stitcher.add(grid.tile(0), new float[length], 0));
    }

    @Test
    void wrongArrayLengthOrForeignTileIsRejected() {
        TileGrid grid = TileGrid.cover(60, 60, 32, 28);
        int length = TileExtractor.tileLength(3, 32 * 4);
        Stitcher stitcher = new Stitcher(grid, 4, 3, (y0, band) -> { });
        assertEquals(length, stitcher.hrTileLength());
        Tile tile = grid.tile(0);
        assertThrows(IllegalArgumentException.class, () -> stitcher.add(tile, new float[length - 1], 0));
        assertThrows(IllegalArgumentException.class, () -> stitcher.add(tile, new float[length], 1));
        assertThrows(IllegalArgumentException.class, () -> stitcher.add(tile, new float[length], -1));
        assertThrows(IllegalArgumentException.class, () -> stitcher.add(new Tile(0, 0, 0, 1, 0), new float[length], 0));
        assertThrows(IllegalArgumentException.class, () -> stitcher.add(new Tile(4, 2, 0, 0, 56), new float[length], 0));
        assertEquals(0, stitcher.addedTiles());
    }

    @Test
    void assemblerRejectsBandsOutOfOrder() {
        ImageAssembler assembler = new ImageAssembler(4, 4, 1);
        assembler.accept(0, FloatImage.zeros(4, 2, 1));
        assertThrows(IllegalStateException.class, () -> assembler.accept(3, FloatImage.zeros(4, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> assembler.accept(2, FloatImage.zeros(3, 1, 1)));
        assertThrows(IllegalStateException.class, assembler::result);
        assembler.accept(2, FloatImage.zeros(4, 2, 1));
        assertEquals(4, assembler.result().height());
    }
    @Test
    void aSkippedTileAddsNothingSoItsNeighboursOverlapKeepsTheirValues() {
        // Width 13, size 8, step 5: tiles at x = 0 and x = 5 overlap on LR columns 5-7. With the
        // right tile skipped, the overlap holds the left tile's values, undiluted; columns only
        // the skipped tile covers come out 0.
        TileGrid grid = TileGrid.cover(13, 8, 8, 5);
        ImageAssembler assembler = ImageAssembler.forOutput(grid, 4, 1);
        Stitcher stitcher = new Stitcher(grid, 4, 1, assembler);
        float[] sevens = new float[stitcher.hrTileLength()];
        Arrays.fill(sevens, 7f);
        stitcher.add(grid.tile(0), sevens, 0);
        stitcher.skip(grid.tile(1));
        stitcher.finish();
        FloatImage out = assembler.result();
        for (int x = 0; x < out.width(); x++) {
            assertEquals(x < 32 ? 7f : 0f, out.get(0, x, 10), "column " + x);
        }
        assertThrows(IllegalStateException.class, () -> stitcher.skip(grid.tile(1)));
        assertThrows(NullPointerException.class, () -> new Stitcher(grid, 4, 1, (y, b) -> { }).add(grid.tile(0), null, 0));
    }
}
