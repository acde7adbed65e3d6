package org.classsr.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The geo path's pieces on their own: no GDAL, no network. */
class GeoPiecesTest {

    @Test
    void pixelIsAreaScalesRasterCoordinatesAndPixelIsPointKeepsCentresInside() {
        // A corner at raster (0, 0) stays at (0, 0); a centre at raster 0 (corner 0.5) moves to
        // 4 * 0.5 - 0.5 = 1.5: the output pixel whose centre is the input pixel's centre.
        assertEquals(0, GeoTags.raster(0, 4, false));
        assertEquals(40, GeoTags.raster(10, 4, false));
        assertEquals(1.5, GeoTags.raster(0, 4, true));
        assertEquals(41.5, GeoTags.raster(10, 4, true));
    }

    @Test
    void aTransformationMapsOutputPixelsToTheSameModelPoints() {
        double[] m = {0.5, 0.1, 0, 500000, 0.2, -0.6, 0, 4100000, 0, 0, 0, 0, 0, 0, 0, 1};
        for (boolean point : new boolean[] {false, true}) {
            double[] r = GeoTags.transformation(m, 4, point);
            for (double u : new double[] {0, 3, 17.25}) {
                double v = 5.5;
                double uIn = point ? (u + 0.5) / 4 - 0.5 : u / 4;
                double vIn = point ? (v + 0.5) / 4 - 0.5 : v / 4;
                assertEquals(m[0] * uIn + m[1] * vIn + m[3], r[0] * u + r[1] * v + r[3], 1e-9);
                assertEquals(m[4] * uIn + m[5] * vIn + m[7], r[4] * u + r[5] * v + r[7], 1e-9);
            }
        }
    }

    @Test
    void upscaledTagsDividePixelScaleAndKeepKeysAndText() {
        TiffField keys = TiffField.shorts(GeoTags.GEO_KEY_DIRECTORY, 1, 1, 0, 1, 1025, 0, 1, 2);
        GeoTags tags = new GeoTags(List.of(TiffField.doubles(GeoTags.MODEL_PIXEL_SCALE, 0.6, 0.6, 0),
                TiffField.doubles(GeoTags.MODEL_TIEPOINT, 0, 0, 0, 500000, 4100000, 0), keys,
                TiffField.ascii(GeoTags.GDAL_NODATA, "0")));
        assertTrue(tags.pixelIsPoint());
        GeoTags up = tags.upscaled(4);
        assertArrayEquals(new double[] {0.15, 0.15, 0}, up.field(GeoTags.MODEL_PIXEL_SCALE).numbers(), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.5, 0, 500000, 4100000, 0}, up.field(GeoTags.MODEL_TIEPOINT).numbers());
        assertEquals(keys, up.field(GeoTags.GEO_KEY_DIRECTORY));
        assertEquals(0.0, up.nodata());
        assertTrue(Double.isNaN(GeoTags.parseNodata("nan")));
    }

    @Test
    void nearestFillCopiesTheClosestValidValue() {
        float[] plane = {1, 0, 0, 0, 9};
        boolean[] invalid = {false, true, true, true, false};
        NodataFill.fill(plane, 0, 5, 1, invalid, 0, -1);
        assertArrayEquals(new float[] {1, 1, 0, 9, 9}, new float[] {plane[0], plane[1], 0, plane[3], plane[4]});
        assertTrue(plane[2] == 1 || plane[2] == 9);
        float[] none = {5, 5};
        NodataFill.fill(none, 0, 2, 1, new boolean[] {true, true}, 0, -1);
        assertArrayEquals(new float[] {-1, -1}, none);
    }

    @Test
    void bicubicRowsEqualTheWholePlaneResized() {
        Random r = new Random(3);
        float[] d = new float[2 * 23 * 17];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextFloat() * 1000;
        }
        FloatImage planes = new FloatImage(23, 17, 2, d);
        FloatImage whole = Bicubic.resize(planes, 4);
        BicubicRows rows = new BicubicRows(planes, 4);
        int y = 0;
        for (int h : new int[] {1, 7, 20, 30, 10}) {
            FloatImage band = rows.rows(y, h);
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < h * 92; i++) {
                    assertEquals(whole.data()[c * whole.planeSize() + y * 92 + i], band.data()[c * h * 92 + i],
                            "row " + (y + i / 92));
                }
            }
            y += h;
        }
        assertEquals(68, y);
    }

    @Test
    void writerAndReaderRoundTripEveryTypeAsTiffAndBigTiff() throws IOException {
        GeoTags tags = new GeoTags(List.of(TiffField.doubles(GeoTags.MODEL_PIXEL_SCALE, 2, 2, 0),
                TiffField.ascii(GeoTags.GDAL_NODATA, "-9")));
        for (SampleType type : SampleType.values()) {
            for (long limit : new long[] {GeoTiffWriter.CLASSIC_LIMIT, 0}) {
                int w = 7;
                int h = 5;
                float[] d = samples(type, 5 * w * h);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                GeoTiffWriter.Layout layout = new GeoTiffWriter.Layout(w, h, 5, type, 2, new long[] {0, 2});
                try (GeoTiffWriter writer = new GeoTiffWriter(out, layout, tags, limit, 40)) {
                    assertEquals(limit == 0, writer.bigTiff());
                    writer.accept(0, new FloatImage(w, 2, 5, rows(d, w, h, 5, 0, 2)));
                    writer.accept(2, new FloatImage(w, 3, 5, rows(d, w, h, 5, 2, 3)));
                }
                GeoRaster back = GeoTiffReader.read(out.toByteArray(), "round trip");
                assertEquals(type, back.type());
                assertEquals(2, back.photometric());
                assertArrayEquals(new long[] {0, 2}, back.extraSamples());
                assertArrayEquals(d, back.data(), type + (limit == 0 ? " BigTIFF" : " TIFF"));
                assertEquals(-9.0, back.nodata());
                assertEquals(tags.byTag(), back.tags().byTag());
            }
        }
    }

    @Test
    void tiledDeflateWriterRoundTripsEveryTypeAndLeavesNoSpill(@TempDir Path spill)
            throws IOException {
        GeoTags tags = new GeoTags(List.of(TiffField.ascii(GeoTags.GDAL_NODATA, "7")));
        for (SampleType type : SampleType.values()) {
            for (long limit : new long[] {GeoTiffWriter.CLASSIC_LIMIT, 0}) {
                int w = 37;
                int h = 21;
                float[] d = samples(type, 3 * w * h);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                GeoTiffWriter.Layout layout = new GeoTiffWriter.Layout(w, h, 3, type, 1, null);
                try (GeoTiffTiledWriter writer = new GeoTiffTiledWriter(out, layout, tags, spill, limit, 16)) {
                    writer.accept(0, new FloatImage(w, 9, 3, rows(d, w, h, 3, 0, 9)));
                    writer.accept(9, new FloatImage(w, 12, 3, rows(d, w, h, 3, 9, 12)));
                    writer.close();
                    assertEquals(limit == 0, writer.bigTiff());
                }
                TiffDirectory dir = TiffDirectory.parse(out.toByteArray());
                assertEquals(8, dir.value(TiffDirectory.COMPRESSION, 0));
                assertEquals(16, dir.value(TiffDirectory.TILE_WIDTH, 0));
                GeoRaster back = GeoTiffReader.read(out.toByteArray(), "tiled");
                assertArrayEquals(d, back.data(), type + (limit == 0 ? " BigTIFF" : " TIFF"));
                assertEquals(7.0, back.nodata());
            }
        }
        try (var left = Files.list(spill)) {
            assertEquals(0, left.count(), "spill files removed");
        }
    }

    @Test
    void bothWritersRefuseMissingRowsGapsAndRowsAfterClosing(@TempDir Path spill) throws IOException {
        GeoTiffWriter.Layout layout = new GeoTiffWriter.Layout(16, 4, 1, SampleType.BYTE, 1, null);
        GeoTags tags = new GeoTags(List.of());
        List<GeoRowWriter> writers = List.of(new GeoTiffWriter(new ByteArrayOutputStream(), layout, tags),
                new GeoTiffTiledWriter(new ByteArrayOutputStream(), layout, tags, spill, GeoTiffWriter.CLASSIC_LIMIT, 16));
        for (GeoRowWriter writer : writers) {
            writer.accept(0, new FloatImage(16, 2, 1, new float[32]));
            assertThrows(IllegalArgumentException.class, () -> writer.accept(3, new FloatImage(16, 1, 1, new float[16])),
                    "a gap: rows 2 is next");
            assertThrows(IllegalStateException.class, writer::close, "closed after 2 of 4 rows");
        }
        GeoTiffWriter whole = new GeoTiffWriter(new ByteArrayOutputStream(), layout, tags);
        whole.accept(0, new FloatImage(16, 4, 1, new float[64]));
        whole.close();
        whole.close();
        assertThrows(IllegalStateException.class, () -> whole.accept(0, new FloatImage(16, 1, 1, new float[16])));
    }

    @Test
    void settingsChooseTheClassSrBands() {
        assertArrayEquals(new int[] {0, 1, 2}, GeoSettings.DEFAULT.classSrBands(4));
        assertArrayEquals(new int[] {0}, GeoSettings.DEFAULT.classSrBands(2));
        assertArrayEquals(new int[] {2, 1, 0}, GeoSettings.of(List.of(3, 2, 1), "type").classSrBands(4));
        assertThrows(IllegalArgumentException.class, () -> GeoSettings.of(List.of(5, 2, 1), "type").classSrBands(4));
        assertThrows(IllegalArgumentException.class, () -> GeoSettings.of(List.of(1, 2), "type"));
        GeoSettings fixed = GeoSettings.of(List.of(), List.of(0, 10000));
        assertEquals(10000, fixed.high());
        assertThrows(IllegalArgumentException.class, () -> GeoSettings.of(List.of(), List.of(5, 5)));
        assertThrows(IllegalArgumentException.class, () -> GeoSettings.of(List.of(), "sometimes"));
        assertFalse(GeoTiffReader.wants(new byte[] {'P', 'K', 3, 4}));
    }

    /** Rows [y0, y0 + n) of a band-major raster, band-major. */
    private static float[] rows(float[] d, int w, int h, int bands, int y0, int n) {
        float[] out = new float[bands * n * w];
        for (int b = 0; b < bands; b++) {
            System.arraycopy(d, (b * h + y0) * w, out, b * n * w, n * w);
        }
        return out;
    }

    /** n values that type holds exactly: fractions and negatives for float32, negatives for int16. */
    private static float[] samples(SampleType type, int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = type == SampleType.FLOAT32 ? i * 0.25f - 3 : (i * 7) % 200 - (type == SampleType.INT16 ? 50 : 0);
        }
        return d;
    }
}
