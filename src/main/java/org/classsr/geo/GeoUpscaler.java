package org.classsr.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.ProgressListener;
import org.classsr.engine.TileProcessor;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassCounts;
import org.classsr.model.ClassSrModel;
import org.classsr.tile.BandSink;
import org.classsr.tile.Stitcher;
import org.classsr.tile.Tile;
import org.classsr.tile.TileExtractor;
import org.classsr.tile.TileGrid;

/**
 * Upscales a multi-band raster: the ClassSR bands ({@link GeoSettings#classSrBands}) scaled into
 * the networks' range, tiled, classified and super-resolved as the engine does (tiles whose
 * pixels are all nodata are skipped, not run); every other band by bicubic; then each band back
 * to its raw values, with nodata where the nearest input pixel was nodata. Invalid pixels are
 * filled from their nearest valid neighbour first, so nodata never bleeds into valid pixels. The
 * output goes to a {@link BandSink} band by band, all bands as raw values.
 */
public final class GeoUpscaler {

    private static final int COLORS = 3;

    private final ClassSrModel model;
    private final EngineSettings engine;
    private final GeoSettings settings;

    public GeoUpscaler(ClassSrModel model, EngineSettings engine, GeoSettings settings) {
        this.model = model;
        this.engine = engine;
        this.settings = settings;
    }

    public GeoSettings settings() {
        return settings;
    }

    public int scale() {
        return model.spec().scale();
    }

    public GeoStats upscale(GeoRaster lr, BandSink out, ProgressListener progress) {
        long start = System.nanoTime();
        int w = lr.width();
        int h = lr.height();
        int n = lr.planeSize();
        int scale = scale();
        int[] srBands = settings.classSrBands(lr.bands());
        List<Integer> bicubic = new ArrayList<>();
        for (int b = 0; b < lr.bands(); b++) {
            final int band = b;
            if (Arrays.stream(srBands).noneMatch(s -> s == band)) {
                bicubic.add(b);
            }
        }
        boolean[] invalid = invalidMask(lr);
        boolean anyInvalid = false;
        for (boolean v : invalid) {
            anyInvalid |= v;
        }
        double[] range = range(lr, srBands, invalid);

        // The ClassSR bands, normalised and filled; grey is sent as three equal channels.
        float[] rgb = new float[COLORS * n];
        for (int c = 0; c < COLORS; c++) {
            int src = srBands[Math.min(c, srBands.length - 1)];
            float[] plane = Arrays.copyOfRange(lr.data(), src * n, (src + 1) * n);
            NodataFill.fill(plane, 0, w, h, invalid, src * n, (float) range[0]);
            for (int p = 0; p < n; p++) {
                rgb[c * n + p] = (float) ((plane[p] - range[0]) / (range[1] - range[0]));
            }
        }
        FloatImage lrRgb = new FloatImage(w, h, COLORS, rgb);
        BicubicRows others = null;
        if (!bicubic.isEmpty()) {
            float[] planes = new float[bicubic.size() * n];
            for (int i = 0; i < bicubic.size(); i++) {
                int b = bicubic.get(i);
                System.arraycopy(lr.data(), b * n, planes, i * n, n);
                NodataFill.fill(planes, i * n, w, h, invalid, b * n, 0f);
            }
            others = new BicubicRows(new FloatImage(w, h, bicubic.size(), planes), scale);
        }

        TileGrid grid = TileGrid.cover(w, h, model.spec().tileSize(), model.spec().tileStep());
        BandSink merge = new MergeSink(lr, srBands, bicubic, others, invalid, range, scale, out);
        Stitcher stitcher = new Stitcher(grid, scale, COLORS, merge);
        int classes = model.branches().size();
        int[] perClass = new int[classes];
        int skipped = 0;
        int size = grid.size();
        int tileLen = COLORS * size * size;
        int hrLen = stitcher.hrTileLength();
        try (TileProcessor networks = new TileProcessor(model, engine)) {
            int cols = grid.cols();
            int rowsPerChunk = Math.max(1, engine.chunkTiles() / cols);
            for (int row0 = 0; row0 < grid.rows(); row0 += rowsPerChunk) {
                int first = row0 * cols;
                int count = (Math.min(grid.rows(), row0 + rowsPerChunk) - row0) * cols;
                // Only tiles with a valid pixel are packed and run.
                int[] packed = new int[count];
                int live = 0;
                for (int i = 0; i < count; i++) {
                    boolean skip = anyInvalid && allInvalid(grid.tile(first + i), size, w, h, n, srBands, invalid);
                    packed[i] = skip ? -1 : live++;
                }
                float[] lrTiles = new float[Math.max(1, live) * tileLen];
                for (int i = 0; i < count; i++) {
                    if (packed[i] >= 0) {
                        TileExtractor.extract(lrRgb, grid.tile(first + i), size, lrTiles, packed[i] * tileLen);
                    }
                }
                int[] cls = live == 0 ? new int[0] : networks.classify(lrTiles, live);
                float[][] outputs = new float[classes][];
                int[] slot = new int[live];
                for (int k = 0; k < classes; k++) {
                    int[] members = ClassCounts.members(cls, live, k);
                    for (int j = 0; j < members.length; j++) {
                        slot[members[j]] = j;
                    }
                    if (members.length > 0) {
                        outputs[k] = networks.superResolve(k, lrTiles, members);
                        perClass[k] += members.length;
                    }
                }
                for (int i = 0; i < count; i++) {
                    Tile tile = grid.tile(first + i);
                    if (packed[i] < 0) {
                        stitcher.skip(tile);
                        skipped++;
                    } else {
                        stitcher.add(tile, outputs[cls[packed[i]]], slot[packed[i]] * hrLen);
                    }
                }
                progress.tilesDone(count);
            }
            stitcher.finish();
        }
        List<Integer> sr1 = Arrays.stream(srBands).map(b -> b + 1).boxed().toList();
        List<Integer> bi1 = bicubic.stream().map(b -> b + 1).toList();
        return new GeoStats(w, h, scale, lr.type().gdalName(), sr1, bi1, perClass, skipped, range[0], range[1],
                lr.nodata(), System.nanoTime() - start);
    }

    /** Per sample (band-major): nodata, or NaN in a float raster. */
    static boolean[] invalidMask(GeoRaster lr) {
        float[] d = lr.data();
        boolean[] invalid = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            invalid[i] = Float.isNaN(d[i]) || lr.isNodata(d[i]);
        }
        return invalid;
    }

    private static boolean allInvalid(Tile t, int size, int w, int h, int n, int[] bands, boolean[] invalid) {
        for (int b : bands) {
            for (int y = t.y(); y < Math.min(h, t.y() + size); y++) {
                for (int x = t.x(); x < Math.min(w, t.x() + size); x++) {
                    if (!invalid[b * n + y * w + x]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** [low, high] of the mapping into [0, 1]; see {@link GeoSettings#range()}. */
    double[] range(GeoRaster lr, int[] bands, boolean[] invalid) {
        if (GeoSettings.FIXED.equals(settings.range())) {
            return new double[] {settings.low(), settings.high()};
        }
        if (GeoSettings.TYPE.equals(settings.range()) && lr.type().integral()) {
            return new double[] {lr.type().min(), lr.type().max()};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = lr.planeSize();
        for (int b : bands) {
            for (int p = 0; p < n; p++) {
                if (!invalid[b * n + p]) {
                    float v = lr.data()[b * n + p];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    /** Joins the ClassSR and bicubic bands of each output band, back in raw values, nodata restored. */
    private record MergeSink(GeoRaster lr, int[] srBands, List<Integer> bicubic, BicubicRows others,
            boolean[] invalid, double[] range, int scale, BandSink out) implements BandSink {

        @Override
        public void accept(int y0, FloatImage band) {
            int outW = band.width();
            int rows = band.height();
            int m = outW * rows;
            int bands = lr.bands();
            float[] d = new float[bands * m];
            float[] sr = band.data();
            double span = range[1] - range[0];
            boolean grey = srBands.length == 1;
            for (int i = 0; i < srBands.length; i++) {
                int dst = srBands[i] * m;
                for (int p = 0; p < m; p++) {
                    double v = grey ? (sr[p] + sr[m + p] + sr[2 * m + p]) / 3.0 : sr[i * m + p];
                    d[dst + p] = (float) (v * span + range[0]);
                }
            }
            if (others != null) {
                FloatImage bi = others.rows(y0, rows);
                for (int i = 0; i < bicubic.size(); i++) {
                    System.arraycopy(bi.data(), i * m, d, bicubic.get(i) * m, m);
                }
            }
            mask(d, y0, outW, rows);
            out.accept(y0, new FloatImage(outW, rows, bands, d));
        }

        /** Nodata where the input pixel under each output pixel was nodata; valid pixels kept off it. */
        private void mask(float[] d, int y0, int outW, int rows) {
            Double nodata = lr.nodata();
            float fill = nodata == null ? Float.NaN : nodata.floatValue();
            SampleType type = lr.type();
            int w = lr.width();
            int n = lr.planeSize();
            int m = outW * rows;
            for (int b = 0; b < lr.bands(); b++) {
                for (int r = 0; r < rows; r++) {
                    int lrRow = (y0 + r) / scale;
                    for (int x = 0; x < outW; x++) {
                        int at = b * m + r * outW + x;
                        if (invalid[b * n + lrRow * w + x / scale]) {
                            d[at] = fill;
                        } else if (nodata != null && type.store(d[at]) == fill) {
                            // A valid pixel that would read back as nodata moves one step off it.
                            double step = type.integral() ? 1 : Math.ulp(fill);
                            d[at] = (float) (fill < type.max() ? fill + step : fill - step);
                        }
                    }
                }
            }
        }
    }
}
