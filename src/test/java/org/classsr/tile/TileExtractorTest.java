package org.classsr.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.classsr.image.FloatImage;
import org.junit.jupiter.api.Test;

class TileExtractorTest {

    /** numpy 'reflect' built the slow way: walk right, bounce off each end without repeating it. */
    private static int[] bounce(int n, int length) {
        int[] result = new int[length];
        int i = 0;
        int dir = 1;
        for (int k = 0; k < length; k++) {
            result[k] = i;
            if (n == 1) {
                continue;
            }
            if (i + dir < 0 || i + dir >= n) {
                dir = -dir;
            }
            i += dir;
        }
        return result;
    }

    @Test
    void reflectIsNumpyReflectForAnyNumberOfReflections() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 2, 1, 0, 1, 2, 3}, bounce(4, 10));
        for (int n = 1; n <= 40; n++) {
            int[] expected = bounce(n, 200);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], TileExtractor.reflect(i, n), "i=" + i + " n=" + n);
            }
        }
        // Negative positions mirror too (not used by the grid, but the function is total).
        assertEquals(1, TileExtractor.reflect(-1, 5));
        assertEquals(4, TileExtractor.reflect(-4, 5));
        assertEquals(3, TileExtractor.reflect(-5, 5));
    }

    @Test
    void insideTileIsAPlainCopy() {
        FloatImage image = TestImages.random(50, 40, 3, 1);
        Tile tile = new Tile(0, 0, 0, 7, 5);
        float[] out = TileExtractor.extract(image, tile, 8);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(image.get(c, 7 + x, 5 + y), out[(c * 8 + y) * 8 + x]);
                }
            }
        }
    }

    @Test
    void smallImagesAreReflectedBackAndForth() {
        FloatImage image = TestImages.random(5, 3, 2, 2);
        float[] out = TileExtractor.extract(image, new Tile(0, 0, 0, 0, 0), 32);
        int[] xs = bounce(5, 32);
        int[] ys = bounce(3, 32);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    assertEquals(image.get(c, xs[x], ys[y]), out[(c * 32 + y) * 32 + x]);
                }
            }
        }
    }

    @Test
    void onePixelImageRepeatsItsPixel() {
        FloatImage image = new FloatImage(1, 1, 3, new float[] {0.25f, 0.5f, 0.75f});
        float[] out = TileExtractor.extract(image, new Tile(0, 0, 0, 0, 0), 4);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 16; i++) {
                assertEquals(image.data()[c], out[c * 16 + i]);
            }
        }
        FloatImage column = TestImages.random(1, 20, 1, 3);
        TileGrid grid = TileGrid.cover(1, 20, 8, 5);
        float[] batch = TileExtractor.extractAll(column, grid);
        for (Tile tile : grid.tiles()) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(column.get(0, 0, tile.y() + y), batch[tile.index() * 64 + y * 8 + x]);
                }
            }
        }
    }

    @Test
    void batchIsTilesOneAfterAnother() {
        FloatImage image = TestImages.random(33, 31, 3, 4);
        TileGrid grid = TileGrid.cover(33, 31, 8, 5);
        List<Tile> tiles = grid.tiles();
        float[] batch = TileExtractor.extract(image, tiles, 8);
        assertEquals(tiles.size() * 3 * 64, batch.length);
        float[] one = new float[3 * 64 + 10];
        for (Tile tile : tiles) {
            TileExtractor.extract(image, tile, 8, one, 10);
            for (int i = 0; i < 3 * 64; i++) {
                assertEquals(batch[tile.index() * 3 * 64 + i], one[10 + i]);
            }
        }
    }

    @Test
    void rejectsShortArraysAndTilesOutsideTheImage() {
        FloatImage image = TestImages.random(10, 10, 3, 5);
        Tile tile = new Tile(0, 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> TileExtractor.extract(image, tile, 4, new float[47], 0));
        assertThrows(IllegalArgumentException.class, () -> TileExtractor.extract(image, tile, 4, new float[48], 1));
        assertThrows(IllegalArgumentException.class, () -> TileExtractor.extract(image, tile, 4, new float[48], -1));
        assertThrows(IllegalArgumentException.class,
                () -> TileExtractor.extract(image, new Tile(0, 0, 0, 10, 0), 4));
        assertThrows(IllegalArgumentException.class,
                () -> TileExtractor.extractAll(image, TileGrid.cover(11, 10, 4, 4)));
    }
}
