package org.classsr.tile;

import java.util.ArrayList;
import java.util.List;

/**
 * Overlapping square tiles that cover EVERY pixel of a width x height LR image.
 *
 * <p>Along one axis of length n: if n &lt;= size there is one tile at 0 (the image is padded by
 * reflection up to the tile size, see {@link TileExtractor}); otherwise tiles start at 0, step,
 * 2*step, ... while start + size &lt; n, and one last tile is anchored at the edge, at n - size.
 * The regular starts all end before the edge, so the edge tile is never a duplicate, and it is at
 * most {@code step} after the previous start. Unlike upstream ClassSR, no remainder is dropped.
 *
 * <p>Positions are computed in O(1), so the grid holds only its four numbers and is cheap to
 * serialise. Tiles are numbered row-major: index = row * cols() + col.
 */
public record TileGrid(int width, int height, int size, int step) {

    public TileGrid {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        }
        if (size < 1) {
            throw new IllegalArgumentException("tile size must be positive, got " + size);
        }
        if (step < 1 || step > size) {
            throw new IllegalArgumentException("tile step must be in [1, size=" + size + "], got " + step);
        }
        // Fails here, not later, if the tile count does not fit an int.
        Math.multiplyExact(count(width, size, step), count(height, size, step));
    }

    /** The grid for an image; same as the constructor, named for readability at call sites. */
    public static TileGrid cover(int width, int height, int size, int step) {
        return new TileGrid(width, height, size, step);
    }

    /** Number of tile starts along an axis of length n. */
    private static int count(int n, int size, int step) {
        if (n <= size) {
            return 1;
        }
        // Regular starts k*step with k*step + size < n, i.e. k < (n - size) / step, plus the edge.
        return (n - size + step - 1) / step + 1;
    }

    /** Start of tile i along an axis of length n with the given count. */
    private static int position(int i, int count, int n, int size, int step) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("tile position " + i + " outside [0, " + count + ")");
        }
        return i == count - 1 ? Math.max(0, n - size) : i * step;
    }

    private static int[] positions(int n, int size, int step) {
        int count = count(n, size, step);
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            result[i] = position(i, count, n, size, step);
        }
        return result;
    }

    public int rows() {
        return count(height, size, step);
    }

    public int cols() {
        return count(width, size, step);
    }

    public int count() {
        return rows() * cols();
    }

    /** Left edge of the tiles of column {@code col}. */
    public int x(int col) {
        return position(col, cols(), width, size, step);
    }

    /** Top edge of the tiles of row {@code row}. */
    public int y(int row) {
        return position(row, rows(), height, size, step);
    }

    /** Left edges of all tile columns, increasing. */
    public int[] xs() {
        return positions(width, size, step);
    }

    /** Top edges of all tile rows, increasing. */
    public int[] ys() {
        return positions(height, size, step);
    }

    /** Width the tiles span: the image width, or the tile size when the image is narrower. */
    public int paddedWidth() {
        return Math.max(width, size);
    }

    /** Height the tiles span: the image height, or the tile size when the image is shorter. */
    public int paddedHeight() {
        return Math.max(height, size);
    }

    public Tile tile(int index) {
        int cols = cols();
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("tile index " + index + " outside [0, " + count() + ")");
        }
        return tile(index / cols, index % cols);
    }

    public Tile tile(int row, int col) {
        return new Tile(row * cols() + col, row, col, x(col), y(row));
    }

    /** All tiles, row-major (the order {@link Stitcher} streams best). */
    public List<Tile> tiles() {
        int rows = rows();
        int cols = cols();
        int[] xs = xs();
        int[] ys = ys();
        List<Tile> result = new ArrayList<>(rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                result.add(new Tile(r * cols + c, r, c, xs[c], ys[r]));
            }
        }
        return List.copyOf(result);
    }

    /** Tiles of one grid row, left to right. */
    public List<Tile> row(int row) {
        int cols = cols();
        int y = y(row);
        List<Tile> result = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            result.add(new Tile(row * cols + c, row, c, x(c), y));
        }
        return List.copyOf(result);
    }

    public int outputWidth(int scale) {
        return Math.multiplyExact(width, checkScale(scale));
    }

    public int outputHeight(int scale) {
        return Math.multiplyExact(height, checkScale(scale));
    }

    private static int checkScale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        return scale;
    }
}
