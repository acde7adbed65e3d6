package org.classsr.tile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.classsr.image.FloatImage;

/**
 * Blends HR tiles into the HR image with feathered weights and streams it out in row bands.
 *
 * <p><b>Blending.</b> Each HR tile pixel (i, j) gets the weight w(i) * w(j), with
 * w(i) = min(1, (i + 0.5) / R, (n - i - 0.5) / R) over the tile's HR extent n = size * scale and
 * ramp R = (size - step) * scale, the nominal HR overlap (no overlap: weight 1). Across a nominal
 * overlap the two ramps sum to 1, a linear cross-fade, so neighbours that took different branches
 * leave no seam. Sums of value * weight and of weight are kept in double and divided once per pixel:
 * where the overlapping tiles agree the float result is exactly their value, and since every
 * weight is &gt; 0 a pixel covered by one tile (the image border) comes out exact too.
 *
 * <p><b>Streaming.</b> Tiles must arrive in non-decreasing grid-row order, in any order within a
 * row. When the first tile of row r arrives, every tile of the rows above must have arrived, and
 * all HR rows above row r's top edge are final: they are normalised and sent to the
 * {@link BandSink}. Only a ring of min(size * scale, output height) HR rows is held, never the
 * whole image. Padding (HR pixels beyond the output size) is dropped.
 *
 * <p>Not thread-safe: one stitcher per image, fed by one thread.
 */
public final class Stitcher {

    private final TileGrid grid;
    private final int scale;
    private final int channels;
    private final BandSink sink;
    private final int hrTile;
    private final int tileLength;
    private final int outWidth;
    private final int outHeight;
    private final double[] weights;
    private final int capacity;
    private final double[] weighted;
    private final double[] weightSums;
    private final BitSet added;

    private int addedCount;
    private int skipped;
    private int currentRow;
    private int flushedTo;
    private int bufferedEnd;
    private int maxBufferedRows;
    private boolean finished;

    public Stitcher(TileGrid grid, int scale, int channels, BandSink sink) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        this.scale = scale;
        this.channels = channels;
        this.outWidth = grid.outputWidth(scale);
        this.outHeight = grid.outputHeight(scale);
        this.hrTile = Math.multiplyExact(grid.size(), scale);
        this.tileLength = TileExtractor.tileLength(channels, hrTile);
        this.weights = featherWeights(hrTile, (grid.size() - grid.step()) * scale);
        this.capacity = Math.min(hrTile, outHeight);
        long cells = (long) channels * capacity * outWidth;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a band of " + capacity + " rows x " + outWidth + " x "
                    + channels + " is too large for one array");
        }
        this.weighted = new double[(int) cells];
        this.weightSums = new double[capacity * outWidth];
        this.added = new BitSet(grid.count());
    }

    /**
     * Blend weights along one axis of an HR tile of extent n with ramp length {@code ramp}:
     * min(1, (i + 0.5) / ramp, (n - i - 0.5) / ramp), or all 1 when ramp &lt;= 0. Always &gt; 0.
     */
    public static double[] featherWeights(int n, int ramp) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = ramp <= 0 ? 1.0 : Math.min(1.0, Math.min((i + 0.5) / ramp, (n - i - 0.5) / ramp));
        }
        return w;
    }

    /**
     * Stitches a whole image in memory: asks for each HR tile by index, row-major. For tests and
     * images whose output fits in one array.
     */
    public static FloatImage stitch(TileGrid grid, int scale, int channels, IntFunction<float[]> hrTileByIndex) {
        ImageAssembler assembler = ImageAssembler.forOutput(grid, scale, channels);
        Stitcher stitcher = new Stitcher(grid, scale, channels, assembler);
        for (Tile tile : grid.tiles()) {
            stitcher.add(tile, hrTileByIndex.apply(tile.index()), 0);
        }
        stitcher.finish();
        return assembler.result();
    }

    /** Values one HR tile takes: channels * (size * scale)^2. */
    public int hrTileLength() {
        return tileLength;
    }

    /**
     * Adds one HR tile, (size * scale)^2 * channels values in CHW order at {@code offset}.
     *
     * @throws IllegalArgumentException if the tile is not a tile of this grid or the array is short
     * @throws IllegalStateException if the tile was already added, its row was already flushed,
     *     a row above it is incomplete, or the stitcher has finished
     */
    public void add(Tile tile, float[] hr, int offset) {
        Objects.requireNonNull(hr, "hr");
        put(tile, hr, offset);
    }

    /** Adds a tile's pixels, or marks it done without any when {@code hr} is null. */
    private void put(Tile tile, float[] hr, int offset) {
        Objects.requireNonNull(tile, "tile");
        if (finished) {
            throw new IllegalStateException("stitcher has finished; cannot add " + tile);
        }
        if (tile.index() >= grid.count() || !grid.tile(tile.index()).equals(tile)) {
            throw new IllegalArgumentException(tile + " is not a tile of " + grid);
        }
        if (hr != null && (offset < 0 || offset > hr.length - tileLength)) {
            throw new IllegalArgumentException("an HR tile needs " + tileLength + " values at offset "
                    + offset + ", array has " + hr.length);
        }
        // Rows above the current one were complete when it began, so a tile of an earlier
        // (already flushed) row is always a duplicate.
        if (added.get(tile.index())) {
            throw new IllegalStateException("duplicate tile (row " + tile.row() + ", col " + tile.col() + ")"
                    + (tile.row() < currentRow ? ": its row was already flushed, row " + currentRow
                    + " has begun" : ""));
        }
        if (tile.row() > currentRow) {
            // Emitting rows that a missing tile would have touched would send wrong pixels: fail now.
            List<String> missing = missing(tile.row() * grid.cols());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("tile (row " + tile.row() + ", col " + tile.col()
                        + ") arrived before " + describe(missing));
            }
            flushTo(grid.y(tile.row()) * scale);
            currentRow = tile.row();
        }
        if (hr != null) {
            accumulate(tile, hr, offset);
        } else {
            skipped++;
        }
        added.set(tile.index());
        addedCount++;
    }

    /**
     * Marks a tile as done without pixels (an all-nodata tile that no network ran): it adds no
     * weight, so it cannot pull its valid neighbours' overlap towards anything, and HR pixels that
     * no added tile covers come out 0 (the caller masks them).
     */
    public void skip(Tile tile) {
        put(tile, null, 0);
    }

    /** Emits the remaining rows. Every tile of the grid must have been added exactly once. */
    public void finish() {
        if (finished) {
            throw new IllegalStateException("stitcher has already finished");
        }
        List<String> missing = missing(grid.count());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cannot finish: " + describe(missing));
        }
        flushTo(outHeight);
        finished = true;
    }

    /** Most HR rows held at once so far; never more than {@link #bufferCapacityRows()}. */
    public int maxBufferedRows() {
        return maxBufferedRows;
    }

    /** HR rows the ring buffer can hold: min(size * scale, output height). */
    public int bufferCapacityRows() {
        return capacity;
    }

    /** HR rows already sent to the sink. */
    public int emittedRows() {
        return flushedTo;
    }

    public int addedTiles() {
        return addedCount;
    }

    private void accumulate(Tile tile, float[] hr, int offset) {
        int x0 = tile.x() * scale;
        int y0 = tile.y() * scale;
        int cols = Math.min(hrTile, outWidth - x0);
        int rows = Math.min(hrTile, outHeight - y0);
        for (int ty = 0; ty < rows; ty++) {
            int ring = (y0 + ty) % capacity;
            double wy = weights[ty];
            int sumRow = ring * outWidth + x0;
            for (int tx = 0; tx < cols; tx++) {
                weightSums[sumRow + tx] += wy * weights[tx];
            }
            for (int c = 0; c < channels; c++) {
                int src = offset + (c * hrTile + ty) * hrTile;
                int dst = (c * capacity + ring) * outWidth + x0;
                for (int tx = 0; tx < cols; tx++) {
                    weighted[dst + tx] += hr[src + tx] * (wy * weights[tx]);
                }
            }
        }
        bufferedEnd = Math.max(bufferedEnd, y0 + rows);
        maxBufferedRows = Math.max(maxBufferedRows, bufferedEnd - flushedTo);
    }

    /** Normalises HR rows [flushedTo, end), sends them as one band and clears their ring rows. */
    private void flushTo(int end) {
        int rows = end - flushedTo;
        if (rows <= 0) {
            return;
        }
        float[] band = new float[channels * rows * outWidth];
        for (int r = 0; r < rows; r++) {
            int ring = (flushedTo + r) % capacity;
            int sumRow = ring * outWidth;
            for (int x = 0; x < outWidth; x++) {
                if (weightSums[sumRow + x] <= 0 && skipped == 0) {
                    throw new IllegalStateException("HR pixel (" + x + ", " + (flushedTo + r)
                            + ") was covered by no tile");
                }
            }
            for (int c = 0; c < channels; c++) {
                int src = (c * capacity + ring) * outWidth;
                int dst = (c * rows + r) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    double w = weightSums[sumRow + x];
                    band[dst + x] = w > 0 ? (float) (weighted[src + x] / w) : 0f;
                }
                Arrays.fill(weighted, src, src + outWidth, 0.0);
            }
            Arrays.fill(weightSums, sumRow, sumRow + outWidth, 0.0);
        }
        int y0 = flushedTo;
        flushedTo = end;
        sink.accept(y0, new FloatImage(outWidth, rows, channels, band));
    }

    /** "(row, col)" of the tiles with index below {@code end} not yet added. */
    private List<String> missing(int end) {
        List<String> result = new ArrayList<>();
        for (int i = added.nextClearBit(0); i < end; i = added.nextClearBit(i + 1)) {
            result.add("(" + i / grid.cols() + ", " + i % grid.cols() + ")");
        }
        return result;
    }

    private static String describe(List<String> missing) {
        int shown = Math.min(missing.size(), 10);
        String list = String.join(", ", missing.subList(0, shown));
        return "missing tile" + (missing.size() == 1 ? " " : "s ") + "(row, col) " + list
                + (missing.size() > shown ? " and " + (missing.size() - shown) + " more" : "");
    }
}
