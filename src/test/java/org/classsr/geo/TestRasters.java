package org.classsr.geo;

import java.io.IOException;
import java.io.InputStream;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;

/**
 * Multi-band rasters made from real photo pixels (the bundled 160x120 crops): R, G, B scaled to
 * a 0-10000 "reflectance" range, and a fourth, near-infrared-like band mixed from them.
 */
public final class TestRasters {

    public static final String SAMPLE = "astronaut-crop-160x120.png";

    private TestRasters() {
    }

    public static FloatImage photo(String name) throws IOException {
        try (InputStream in = TestRasters.class.getResourceAsStream("/images/" + name)) {
            DecodedImage d = ImageCodec.decode(in.readAllBytes(), name);
            return d.color();
        }
    }

    /**
     * Four UInt16 bands in 1..10001 (never 0: 0 is the nodata value), with the rectangle
     * [nx0, nx1) x [ny0, ny1) set to {@code nodata} in every band.
     */
    public static float[] reflectance(FloatImage rgb, int nx0, int ny0, int nx1, int ny1, float nodata) {
        int n = rgb.planeSize();
        float[] out = new float[4 * n];
        float[] d = rgb.data();
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) {
                out[c * n + p] = 1 + Math.round(d[c * n + p] * 10000);
            }
            out[3 * n + p] = 1 + Math.round((0.6f * d[p] + 0.4f * d[n + p]) * 9000);
        }
        for (int y = ny0; y < ny1; y++) {
            for (int x = nx0; x < nx1; x++) {
                for (int c = 0; c < 4; c++) {
                    out[c * n + y * rgb.width() + x] = nodata;
                }
            }
        }
        return out;
    }
}
