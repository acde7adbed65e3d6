package org.classsr.tile;

import java.util.List;
import org.classsr.image.FloatImage;

/**
 * Copies LR tiles out of an image into flat CHW arrays, the layout networks take in batches.
 *
 * <p>A tile only reaches past the image when the image is smaller than the tile (see
 * {@link TileGrid}); there the image is extended by reflection WITHOUT repeating the edge pixel
 * (numpy 'reflect', OpenCV BORDER_REFLECT_101): for n = 4, columns 0..9 read 0 1 2 3 2 1 0 1 2 3.
 * The reflection is periodic, so it holds however many times the tile spans the image.
 */
public final class TileExtractor {

    private TileExtractor() {
    }

    /** Values one size x size tile takes: channels * size * size. */
    public static int tileLength(int channels, int size) {
        return Math.multiplyExact(channels, Math.multiplyExact(size, size));
    }

    /**
     * Writes the size x size tile whose top-left corner is (tile.x, tile.y), channel-planar, into
     * {@code dst} starting at {@code offset}.
     */
    public static void extract(FloatImage image, Tile tile, int size, float[] dst, int offset) {
        if (size < 1) {
            throw new IllegalArgumentException("tile size must be positive, got " + size);
        }
        if (tile.x() >= image.width() || tile.y() >= image.height()) {
            throw new IllegalArgumentException(tile + " starts outside the " + image);
        }
        int channels = image.channels();
        int length = tileLength(channels, size);
        if (offset < 0 || offset > dst.length - length) {
            throw new IllegalArgumentException("a " + size + "x" + size + "x" + channels + " tile needs "
                    + length + " values at offset " + offset + ", array has " + dst.length);
        }
        int width = image.width();
        int height = image.height();
        float[] src = image.data();
        boolean inside = tile.x() + size <= width;
        int[] columns = inside ? null : reflected(tile.x(), size, width);
        int out = offset;
        for (int c = 0; c < channels; c++) {
            int plane = c * height;
            for (int ty = 0; ty < size; ty++) {
                int rowStart = (plane + reflect(tile.y() + ty, height)) * width;
                if (inside) {
                    System.arraycopy(src, rowStart + tile.x(), dst, out, size);
                } else {
                    for (int tx = 0; tx < size; tx++) {
                        dst[out + tx] = src[rowStart + columns[tx]];
                    }
                }
                out += size;
            }
        }
    }

    /** One tile in a new array. */
    public static float[] extract(FloatImage image, Tile tile, int size) {
        float[] dst = new float[tileLength(image.channels(), size)];
        extract(image, tile, size, dst, 0);
        return dst;
    }

    /** A batch: the tiles one after another in a new array, in list order (N, C, size, size). */
    public static float[] extract(FloatImage image, List<Tile> tiles, int size) {
        int length = tileLength(image.channels(), size);
        float[] dst = new float[Math.multiplyExact(length, tiles.size())];
        for (int i = 0; i < tiles.size(); i++) {
            extract(image, tiles.get(i), size, dst, i * length);
        }
        return dst;
    }

    /** Every tile of the grid, row-major, as one batch. */
    public static float[] extractAll(FloatImage image, TileGrid grid) {
        checkGridMatches(image, grid);
        return extract(image, grid.tiles(), grid.size());
    }

    static void checkGridMatches(FloatImage image, TileGrid grid) {
        if (image.width() != grid.width() || image.height() != grid.height()) {
            throw new IllegalArgumentException("grid is for " + grid.width() + "x" + grid.height()
                    + ", image is " + image);
        }
    }

    /**
     * Index into [0, n) that position i reads under reflect-101 padding. Period 2(n - 1); a
     * one-pixel axis has period 0 and always reads its only pixel.
     */
    public static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        if (i >= 0 && i < n) {
            return i;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    private static int[] reflected(int start, int size, int n) {
        int[] result = new int[size];
        for (int i = 0; i < size; i++) {
            result[i] = reflect(start + i, n);
        }
        return result;
    }
}
