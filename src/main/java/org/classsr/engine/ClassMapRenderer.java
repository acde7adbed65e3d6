package org.classsr.engine;

import org.classsr.image.FloatImage;
import org.classsr.tile.TileGrid;

/**
 * The class-map picture: the LR image in grey, tinted per tile by its class (green simple,
 * yellow medium, red hard), like the figure in the ClassSR paper. Where tiles overlap, a pixel
 * takes the class of the tile whose centre is nearest.
 */
public final class ClassMapRenderer {

    private static final float[][] PALETTE = {
        {0.15f, 0.75f, 0.25f}, // simple: green
        {0.95f, 0.80f, 0.10f}, // medium: yellow
        {0.90f, 0.15f, 0.10f}, // hard: red
        {0.20f, 0.45f, 0.95f},
        {0.70f, 0.30f, 0.85f},
    };
    private static final float TINT = 0.45f;

    private ClassMapRenderer() {
    }

    /** The colour used for a class, as RGB in [0, 1]. */
    public static float[] color(int cls) {
        return PALETTE[cls % PALETTE.length].clone();
    }

    public static FloatImage render(FloatImage lr, TileGrid grid, int[] tileClasses) {
        if (tileClasses.length != grid.count()) {
            throw new IllegalArgumentException(tileClasses.length + " classes for " + grid.count() + " tiles");
        }
        int w = lr.width();
        int h = lr.height();
        int[] col = nearestTile(grid.xs(), grid.size(), w);
        int[] row = nearestTile(grid.ys(), grid.size(), h);
        FloatImage out = FloatImage.zeros(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float grey = luminance(lr, x, y);
                float[] c = PALETTE[tileClasses[row[y] * grid.cols() + col[x]] % PALETTE.length];
                for (int ch = 0; ch < 3; ch++) {
                    out.set(ch, x, y, (1 - TINT) * grey + TINT * c[ch]);
                }
            }
        }
        return out;
    }

    private static float luminance(FloatImage img, int x, int y) {
        if (img.channels() < 3) {
            return img.get(0, x, y);
        }
        return 0.299f * img.get(0, x, y) + 0.587f * img.get(1, x, y) + 0.114f * img.get(2, x, y);
    }

    /** For each coordinate, the tile (along one axis) whose centre is nearest. */
    private static int[] nearestTile(int[] starts, int size, int length) {
        int[] nearest = new int[length];
        int t = 0;
        for (int p = 0; p < length; p++) {
            while (t + 1 < starts.length
                    && Math.abs(starts[t + 1] + size / 2.0 - p) <= Math.abs(starts[t] + size / 2.0 - p)) {
                t++;
            }
            nearest[p] = t;
        }
        return nearest;
    }
}
