package org.classsr.image;

/**
 * {@link Bicubic#resize(FloatImage, double)} of an upscale, produced band by band: rows y0 to
 * y0 + n of the result, bit for bit what the whole resize gives, without ever holding the whole
 * result. For an 8K input's alpha plane upscaled x4 that is a band of a few MB instead of a
 * 30720 x 17280 plane of 2.1 GB. Each output row is computed as the whole resize computes it
 * (height pass then width pass, the order MATLAB uses when both scales are equal, sums in double
 * in the same tap order), so nothing depends on how the rows are split into bands.
 */
public final class BicubicBands {

    private final FloatImage source;
    private final int outW;
    private final int outH;
    private final Bicubic.Contribution[] rows;
    private final Bicubic.Contribution[] columns;

    /** The x{@code scale} upscale ({@code scale >= 1}) of {@code source}, ceil(size * scale) on each side. */
    public BicubicBands(FloatImage source, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("banded resize is for upscales, got x" + scale);
        }
        this.source = source;
        this.outW = Math.multiplyExact(source.width(), scale);
        this.outH = Math.multiplyExact(source.height(), scale);
        this.rows = Bicubic.contributions(source.height(), outH, scale);
        this.columns = Bicubic.contributions(source.width(), outW, scale);
    }

    public int width() {
        return outW;
    }

    public int height() {
        return outH;
    }

    /** Rows {@code y0} to {@code y0 + count} of the upscaled image, every channel. */
    public FloatImage band(int y0, int count) {
        if (y0 < 0 || count < 0 || y0 + count > outH) {
            throw new IllegalArgumentException("rows " + y0 + " + " + count + " outside 0.." + outH);
        }
        int w = source.width();
        int h = source.height();
        int channels = source.channels();
        float[] src = source.data();
        float[] dst = new float[Math.multiplyExact(Math.multiplyExact(outW, count), channels)];
        double[] acc = new double[w];
        float[] line = new float[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < count; y++) {
                // Height pass: one intermediate row, rounded to float as the whole resize stores it.
                java.util.Arrays.fill(acc, 0);
                Bicubic.Contribution con = rows[y0 + y];
                for (int k = 0; k < con.indices().length; k++) {
                    double wk = con.weights()[k];
                    int base = (c * h + con.indices()[k]) * w;
                    for (int x = 0; x < w; x++) {
                        acc[x] += wk * src[base + x];
                    }
                }
                for (int x = 0; x < w; x++) {
                    line[x] = (float) acc[x];
                }
                // Width pass over that row.
                int out = (c * count + y) * outW;
                for (int x = 0; x < outW; x++) {
                    Bicubic.Contribution cx = columns[x];
                    double sum = 0;
                    for (int k = 0; k < cx.indices().length; k++) {
                        sum += cx.weights()[k] * line[cx.indices()[k]];
                    }
                    dst[out + x] = (float) sum;
                }
            }
        }
        return new FloatImage(outW, count, channels, dst);
    }
}
