package org.classsr.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TileGridTest {

    static Stream<Arguments> grids() {
        int[][] sizes = {{1, 1}, {1, 1000}, {1000, 1}, {31, 33}, {32, 32}, {33, 32}, {100, 60},
            {1000, 777}, {5, 3}, {60, 61}, {29, 57}, {8, 8}, {13, 9}, {14, 200}};
        int[][] tilings = {{32, 28}, {8, 5}, {4, 4}, {5, 1}, {32, 1}};
        List<Arguments> result = new ArrayList<>();
        for (int[] s : sizes) {
            for (int[] t : tilings) {
                result.add(Arguments.of(s[0], s[1], t[0], t[1]));
            }
        }
        return result.stream();
    }

    @ParameterizedTest(name = "{0}x{1} size {2} step {3}")
    @MethodSource("grids")
    void tilesCoverEveryPixelInsidePaddedBounds(int width, int height, int size, int step) {
        TileGrid grid = TileGrid.cover(width, height, size, step);
        checkAxis(grid.xs(), width, size, step);
        checkAxis(grid.ys(), height, size, step);
        assertEquals(grid.rows() * grid.cols(), grid.count());

        boolean[] covered = new boolean[width * height];
        List<Tile> tiles = grid.tiles();
        assertEquals(grid.count(), tiles.size());
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            assertEquals(i, tile.index());
            assertEquals(tile, grid.tile(i));
            assertEquals(tile, grid.tile(tile.row(), tile.col()));
            assertTrue(tile.x() + size <= grid.paddedWidth() && tile.y() + size <= grid.paddedHeight(), tile::toString);
            for (int y = tile.y(); y < Math.min(height, tile.y() + size); y++) {
                for (int x = tile.x(); x < Math.min(width, tile.x() + size); x++) {
                    covered[y * width + x] = true;
                }
            }
        }
        for (int i = 0; i < covered.length; i++) {
            assertTrue(covered[i], "pixel (" + i % width + ", " + i / width + ") not covered");
        }
    }

    private static void checkAxis(int[] positions, int n, int size, int step) {
        assertEquals(0, positions[0]);
        int last = positions[positions.length - 1];
        assertEquals(Math.max(n, size), last + size, "last tile ends at the (padded) edge");
        for (int i = 1; i < positions.length; i++) {
            int gap = positions[i] - positions[i - 1];
            assertTrue(gap > 0, "positions strictly increase (no duplicates)");
            assertTrue(gap <= step, "positions at most step apart");
            if (i < positions.length - 1) {
                assertEquals(step, gap, "regular positions are step apart");
            }
        }
    }

    @Test
    void positionsMatchTheRule() {
        assertArrayEquals(new int[] {0}, TileGrid.cover(32, 32, 32, 28).xs());
        assertArrayEquals(new int[] {0}, TileGrid.cover(5, 5, 32, 28).xs());
        assertArrayEquals(new int[] {0, 1}, TileGrid.cover(33, 1, 32, 28).xs());
        // 28 + 32 = 60 ends exactly at the edge: it is the edge tile, not a duplicate.
        assertArrayEquals(new int[] {0, 28}, TileGrid.cover(60, 1, 32, 28).xs());
        assertArrayEquals(new int[] {0, 28, 29}, TileGrid.cover(61, 1, 32, 28).xs());
        assertArrayEquals(new int[] {0, 28, 56, 68}, TileGrid.cover(100, 1, 32, 28).xs());
        assertArrayEquals(new int[] {0, 5}, TileGrid.cover(1, 13, 8, 5).ys());
    }

    @Test
    void outputSizeAndRowTiles() {
        TileGrid grid = TileGrid.cover(100, 60, 32, 28);
        assertEquals(400, grid.outputWidth(4));
        assertEquals(240, grid.outputHeight(4));
        assertEquals(grid.tiles().subList(grid.cols(), 2 * grid.cols()), grid.row(1));
        assertEquals(28, grid.y(1));
        assertEquals(68, grid.x(3));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> TileGrid.cover(0, 5, 32, 28));
        assertThrows(IllegalArgumentException.class, () -> TileGrid.cover(5, 0, 32, 28));
        assertThrows(IllegalArgumentException.class, () -> TileGrid.cover(5, 5, 32, 0));
        assertThrows(IllegalArgumentException.class, () -> TileGrid.cover(5, 5, 32, 33));
        assertThrows(IllegalArgumentException.class, () -> TileGrid.cover(5, 5, 0, 0));
        TileGrid grid = TileGrid.cover(100, 60, 32, 28);
        assertThrows(IndexOutOfBoundsException.class, () -> grid.tile(grid.count()));
        assertThrows(IndexOutOfBoundsException.class, () -> grid.tile(0, grid.cols()));
        assertThrows(IllegalArgumentException.class, () -> grid.outputWidth(0));
        assertThrows(IllegalArgumentException.class, () -> new Tile(0, 0, 0, -1, 0));
    }
}
