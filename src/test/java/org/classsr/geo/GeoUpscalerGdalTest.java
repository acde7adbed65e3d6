package org.classsr.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.ModelCache;
import org.classsr.engine.ProgressListener;
import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassSrModel;
import org.classsr.model.TestModels;
import org.classsr.tile.Tile;
import org.classsr.tile.TileGrid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoTIFF in, GeoTIFF out, judged by GDAL: 4-band UInt16 rasters made from real photo pixels
 * with a nodata rectangle go through the one-JVM geo path, and {@code gdalinfo -json} of the
 * output must show the input's CRS, origin and extent, a quarter of its pixel size, its band
 * count, types, nodata and metadata; GDAL's decoding of the output must keep the nodata region
 * nodata and nothing else.
 */
class GeoUpscalerGdalTest {

    static final int W = 160;
    static final int H = 120;
    /** The nodata rectangle: wide enough to hold whole tiles. */
    static final int NX0 = 0;
    static final int NY0 = 0;
    static final int NX1 = 70;
    static final int NY1 = 50;

    @TempDir
    static Path dir;

    static ClassSrModel model;
    static GeoUpscaler upscaler;
    static FloatImage photo;

    @BeforeAll
    static void setUp() throws IOException {
        model = ModelCache.get(TestModels.writeRandomPair(dir.resolve("models"), 7));
        upscaler = new GeoUpscaler(model, new EngineSettings(16, 64, 64, new double[] {0, 0, 0}),
                new GeoSettings(List.of(), GeoSettings.FIXED, 0, 10000));
        photo = TestRasters.photo(TestRasters.SAMPLE);
    }

    static List<String> georeference(String nodata, String... more) {
        List<String> o = new ArrayList<>(List.of("-a_srs", "EPSG:32611", "-a_ullr", "500000", "4100000", "500096",
                "4099928", "-a_nodata", nodata, "-mo", "SENSOR=test-sensor"));
        o.addAll(List.of(more));
        return o;
    }

    static Path upscale(Path input, String name) {
        Path out = input.resolveSibling(name + "-x4.tif");
        GeoTiffFiles.upscale(upscaler, input, out, ProgressListener.NONE);
        return out;
    }

    @Test
    void keepsCrsExtentBandsTypesNodataAndMetadata() throws IOException {
        float[] values = TestRasters.reflectance(photo, NX0, NY0, NX1, NY1, 0);
        Path in = Gdal.geoTiff(dir.resolve("area"), "area", values, W, H, 4, SampleType.UINT16,
                georeference("0", "-co", "TILED=YES", "-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=64",
                        "-co", "COMPRESS=DEFLATE"));
        Path out = in.resolveSibling("area-x4.tif");
        GeoStats stats = GeoTiffFiles.upscale(upscaler, in, out, ProgressListener.NONE);

        JsonNode a = Gdal.info(in);
        JsonNode b = Gdal.info(out);
        assertEquals(List.of(W * 4, H * 4), List.of(b.get("size").get(0).asInt(), b.get("size").get(1).asInt()));
        assertEquals(a.get("coordinateSystem").get("wkt").asText(), b.get("coordinateSystem").get("wkt").asText());
        assertTrue(b.get("coordinateSystem").get("wkt").asText().contains("UTM zone 11N"));
        assertGeoTransformQuartered(a, b);
        assertEquals(a.get("cornerCoordinates"), b.get("cornerCoordinates"), "the output covers the input's extent");
        assertEquals(4, b.get("bands").size());
        for (JsonNode band : b.get("bands")) {
            assertEquals("UInt16", band.get("type").asText());
            assertEquals(0.0, band.get("noDataValue").asDouble());
        }
        assertEquals("test-sensor", b.get("metadata").get("").get("SENSOR").asText(), "GDAL_METADATA kept");
        assertEquals("Area", b.get("metadata").get("").get("AREA_OR_POINT").asText());

        // Nodata exactly where the input pixel under each output pixel was nodata (GDAL's decoding).
        float[] hr = Gdal.pixels(out, SampleType.UINT16);
        int ow = W * 4;
        int oh = H * 4;
        for (int band = 0; band < 4; band++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    boolean nodata = x / 4 >= NX0 && x / 4 < NX1 && y / 4 >= NY0 && y / 4 < NY1;
                    float v = hr[(band * oh + y) * ow + x];
                    if (nodata != (v == 0)) {
                        throw new AssertionError("band " + (band + 1) + " pixel (" + x + ", " + y + ") is " + v
                                + (nodata ? ", expected nodata" : ", a valid pixel read as nodata"));
                    }
                }
            }
        }

        // The report: bands 1-3 ClassSR, 4 bicubic; tiles wholly inside the rectangle skipped.
        assertEquals(List.of(1, 2, 3), stats.classSrBands());
        assertEquals(List.of(4), stats.bicubicBands());
        TileGrid grid = TileGrid.cover(W, H, model.spec().tileSize(), model.spec().tileStep());
        int inside = 0;
        for (Tile t : grid.tiles()) {
            if (t.x() >= NX0 && t.x() + grid.size() <= NX1 && t.y() >= NY0 && t.y() + grid.size() <= NY1) {
                inside++;
            }
        }
        assertTrue(inside >= 2, "the rectangle holds whole tiles");
        assertEquals(inside, stats.skippedTiles());
        assertEquals(grid.count(), stats.tiles() + stats.skippedTiles());

        // Band 4 is bicubic: away from the nodata region it equals bicubic x4 of the input band.
        FloatImage nir = new FloatImage(W, H, 1, java.util.Arrays.copyOfRange(values, 3 * W * H, 4 * W * H));
        FloatImage expected = Bicubic.resize(nir, 4);
        int checked = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                if (x / 4 >= NX1 + 3 || y / 4 >= NY1 + 3) {
                    float want = (float) SampleType.UINT16.store(expected.data()[y * ow + x]);
                    want = want == 0 ? 1 : want; // a valid pixel is kept off the nodata value
                    assertEquals(want, hr[(3 * oh + y) * ow + x], "band 4 at (" + x + ", " + y + ")");
                    checked++;
                }
            }
        }
        assertTrue(checked > ow * oh / 2);
    }

    @Test
    void tiledDeflateOutputHasTheSamePixelsAsStrips() throws IOException {
        float[] values = TestRasters.reflectance(photo, NX0, NY0, NX1, NY1, 0);
        Path in = Gdal.geoTiff(dir.resolve("tiled"), "tiled", values, W, H, 4, SampleType.UINT16, georeference("0"));
        Path strips = upscale(in, "strips");
        Path tiled = in.resolveSibling("tiled-deflate.tif");
        GeoTiffFiles.upscale(new GeoUpscaler(model, new EngineSettings(16, 64, 64, new double[] {0, 0, 0}),
                upscaler.settings().withTiledOutput(true)), in, tiled, ProgressListener.NONE);
        JsonNode info = Gdal.info(tiled);
        assertEquals("DEFLATE", info.get("metadata").get("IMAGE_STRUCTURE").get("COMPRESSION").asText());
        assertEquals("[256,256]", info.get("bands").get(0).get("block").toString());
        assertEquals(Gdal.info(strips).get("coordinateSystem"), info.get("coordinateSystem"));
        assertEquals(Gdal.info(strips).get("cornerCoordinates"), info.get("cornerCoordinates"));
        assertArrayEquals(Gdal.pixels(strips, SampleType.UINT16), Gdal.pixels(tiled, SampleType.UINT16));
        assertTrue(java.nio.file.Files.size(tiled) < java.nio.file.Files.size(strips), "compressed");
    }

    @Test
    void pixelIsPointKeepsTheExtentToo() throws IOException {
        float[] values = TestRasters.reflectance(photo, 0, 0, 0, 0, 0);
        Path in = Gdal.geoTiff(dir.resolve("point"), "point", values, W, H, 4, SampleType.UINT16,
                georeference("0", "-mo", "AREA_OR_POINT=Point"));
        Path out = upscale(in, "point");
        JsonNode a = Gdal.info(in);
        JsonNode b = Gdal.info(out);
        assertEquals("Point", b.get("metadata").get("").get("AREA_OR_POINT").asText());
        assertGeoTransformQuartered(a, b);
        assertEquals(a.get("cornerCoordinates"), b.get("cornerCoordinates"));
    }

    @Test
    void aRotatedTransformationIsRescaled() throws IOException {
        float[] values = TestRasters.reflectance(photo, 0, 0, 0, 0, 0);
        String header = "<SRS>EPSG:32611</SRS><GeoTransform>500000, 0.5, 0.1, 4100000, 0.2, -0.6</GeoTransform>";
        Path in = Gdal.geoTiff(dir.resolve("rotated"), "rotated", values, W, H, 4, SampleType.UINT16, header,
                List.of());
        Path out = upscale(in, "rotated");
        JsonNode a = Gdal.info(in);
        JsonNode b = Gdal.info(out);
        double[] ga = doubles(a.get("geoTransform"));
        double[] gb = doubles(b.get("geoTransform"));
        assertArrayEquals(new double[] {ga[0], ga[1] / 4, ga[2] / 4, ga[3], ga[4] / 4, ga[5] / 4}, gb, 1e-9);
        assertEquals(a.get("cornerCoordinates"), b.get("cornerCoordinates"));
    }

    @Test
    void nodataValuesDoNotLeakIntoValidPixels() throws IOException {
        // The same valid pixels with nodata 0 and with nodata 65535: if nodata pixels reached a
        // network or the bicubic kernel, the valid pixels beside them would differ.
        Path zero = Gdal.geoTiff(dir.resolve("leak0"), "leak0", TestRasters.reflectance(photo, 30, 30, 90, 80, 0),
                W, H, 4, SampleType.UINT16, georeference("0"));
        Path high = Gdal.geoTiff(dir.resolve("leak1"), "leak1",
                TestRasters.reflectance(photo, 30, 30, 90, 80, 65535), W, H, 4, SampleType.UINT16,
                georeference("65535"));
        float[] a = Gdal.pixels(upscale(zero, "leak0"), SampleType.UINT16);
        float[] b = Gdal.pixels(upscale(high, "leak1"), SampleType.UINT16);
        int differing = 0;
        int valid = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                assertEquals(65535f, b[i], "nodata in one is nodata in the other");
            } else {
                valid++;
                // Equal, up to the one-step nudge that keeps a valid pixel off each file's nodata value.
                boolean same = a[i] == b[i] || (a[i] == 1 && b[i] == 0) || (a[i] == 65535 && b[i] == 65534);
                differing += same ? 0 : 1;
            }
        }
        assertTrue(valid > a.length / 2);
        assertEquals(0, differing, "valid pixels that changed with the nodata value");
    }

    @Test
    void everySampleTypeComesOutAsItWentIn() throws IOException {
        float[] r = TestRasters.reflectance(photo, 0, 0, 40, 40, 0);
        int n = W * H;
        record Case(SampleType type, int bands, float scale, float shift, String nodata, List<String> extra) {
        }
        for (Case c : List.of(new Case(SampleType.BYTE, 3, 255f / 10001, 0, "0", List.of("-co", "PHOTOMETRIC=RGB")),
                new Case(SampleType.INT16, 2, 1, -5000, "-5000", List.of("-co", "COMPRESS=LZW")),
                new Case(SampleType.FLOAT32, 1, 1e-4f, 0, "0", List.of("-co", "COMPRESS=DEFLATE", "-co",
                        "PREDICTOR=3")))) {
            float[] v = new float[c.bands() * n];
            for (int i = 0; i < v.length; i++) {
                v[i] = r[i] == 0 ? Float.parseFloat(c.nodata())
                        : c.type().integral() ? Math.round(r[i] * c.scale() + c.shift()) : r[i] * c.scale();
                if (c.type() == SampleType.BYTE && r[i] != 0) {
                    v[i] = Math.max(1, v[i]);
                }
            }
            String name = c.type().gdalName();
            Path in = Gdal.geoTiff(dir.resolve(name), name, v, W, H, c.bands(), c.type(),
                    georeference(c.nodata(), c.extra().toArray(String[]::new)));
            JsonNode b = Gdal.info(upscale(in, name));
            assertEquals(c.bands(), b.get("bands").size(), name);
            for (JsonNode band : b.get("bands")) {
                assertEquals(name, band.get("type").asText());
                assertEquals(Double.parseDouble(c.nodata()), band.get("noDataValue").asDouble(), name);
            }
            float[] hr = Gdal.pixels(in.resolveSibling(name + "-x4.tif"), c.type());
            float nodata = Float.parseFloat(c.nodata());
            assertEquals(nodata, hr[0], name + ": the nodata corner stays nodata");
            assertNotEquals(nodata, hr[hr.length / c.bands() - 1], name + ": a valid corner stays valid");
        }
    }

    static void assertGeoTransformQuartered(JsonNode a, JsonNode b) {
        double[] ga = doubles(a.get("geoTransform"));
        double[] gb = doubles(b.get("geoTransform"));
        assertArrayEquals(new double[] {ga[0], ga[1] / 4, ga[2], ga[3], ga[4], ga[5] / 4}, gb, 1e-9,
                "same origin, a quarter of the pixel size");
    }

    static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }
}
