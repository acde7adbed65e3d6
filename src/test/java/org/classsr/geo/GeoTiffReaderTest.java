package org.classsr.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.classsr.image.FloatImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder against GDAL's own: GeoTIFFs written by gdal_translate in every layout we claim
 * (strips, tiles, COG, planar, BigTIFF; none, LZW, Deflate, PackBits; predictors 2 and 3) must
 * decode to exactly the values GDAL decodes, with the tags intact.
 */
class GeoTiffReaderTest {

    @TempDir
    static Path dir;

    static FloatImage photo;

    @BeforeAll
    static void load() throws IOException {
        photo = TestRasters.photo(TestRasters.SAMPLE);
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("strips-none", SampleType.UINT16, List.of()),
                Arguments.of("tiled-deflate", SampleType.UINT16, List.of("-co", "TILED=YES", "-co", "BLOCKXSIZE=32",
                        "-co", "BLOCKYSIZE=16", "-co", "COMPRESS=DEFLATE")),
                Arguments.of("lzw-predictor2", SampleType.UINT16, List.of("-co", "COMPRESS=LZW", "-co", "PREDICTOR=2")),
                Arguments.of("planar-deflate-predictor2", SampleType.UINT16, List.of("-co", "INTERLEAVE=BAND", "-co",
                        "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "BLOCKYSIZE=7")),
                Arguments.of("bigtiff-tiled-lzw", SampleType.UINT16, List.of("-co", "BIGTIFF=YES", "-co", "TILED=YES",
                        "-co", "BLOCKXSIZE=48", "-co", "BLOCKYSIZE=48", "-co", "COMPRESS=LZW")),
                Arguments.of("packbits", SampleType.UINT16, List.of("-co", "COMPRESS=PACKBITS")),
                Arguments.of("cog", SampleType.UINT16, List.of("-of", "COG", "-co", "BLOCKSIZE=64", "-co",
                        "COMPRESS=DEFLATE", "-co", "OVERVIEWS=NONE")),
                Arguments.of("byte-lzw", SampleType.BYTE, List.of("-co", "COMPRESS=LZW", "-co", "PREDICTOR=2")),
                Arguments.of("int16-deflate", SampleType.INT16, List.of("-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2")),
                Arguments.of("float32-predictor3", SampleType.FLOAT32, List.of("-co", "COMPRESS=DEFLATE", "-co",
                        "PREDICTOR=3", "-co", "TILED=YES", "-co", "BLOCKXSIZE=32", "-co", "BLOCKYSIZE=32")),
                // Big-endian: not with the float predictor, which GDAL 3.6 itself reads back wrongly.
                Arguments.of("float32-bigendian-lzw", SampleType.FLOAT32, List.of("-co", "ENDIANNESS=BIG", "-co",
                        "COMPRESS=LZW")),
                Arguments.of("uint16-bigendian-predictor2", SampleType.UINT16, List.of("-co", "ENDIANNESS=BIG", "-co",
                        "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "TILED=YES")));
    }

    /** The source values in the type's range: reflectance for UInt16, scaled for the others. */
    static float[] source(SampleType type) {
        float[] r = TestRasters.reflectance(photo, 10, 20, 50, 60, 0);
        for (int i = 0; i < r.length; i++) {
            r[i] = switch (type) {
                case BYTE -> Math.round(r[i] / 10001f * 255);
                case INT16 -> r[i] - 5000;
                case FLOAT32 -> r[i] / 10000f - 0.25f;
                case UINT16 -> r[i];
            };
        }
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void decodesExactlyAsGdalDoes(String name, SampleType type, List<String> creation) throws IOException {
        float[] values = source(type);
        List<String> options = new ArrayList<>(List.of("-a_srs", "EPSG:32611", "-a_ullr", "500000", "4100000",
                "500096", "4099928", "-a_nodata", "0"));
        options.addAll(creation);
        Path tif = Gdal.geoTiff(dir.resolve(name), name, values, photo.width(), photo.height(), 4, type, options);
        byte[] bytes = Files.readAllBytes(tif);
        assertTrue(GeoTiffReader.wants(bytes), "a georeferenced TIFF takes the geo path");
        GeoRaster r = GeoTiffReader.read(bytes, tif.toString());
        assertEquals(photo.width(), r.width());
        assertEquals(photo.height(), r.height());
        assertEquals(4, r.bands());
        assertEquals(type, r.type());
        assertArrayEquals(Gdal.pixels(tif, type), r.data(), name + ": pixels as GDAL decodes them");
        assertArrayEquals(values, r.data(), name + ": pixels as written");
        assertEquals(0.0, r.nodata());
        assertTrue(r.tags().georeferenced());
        assertNotNull(r.tags().field(GeoTags.GEO_KEY_DIRECTORY));
        assertArrayEquals(new double[] {0.6, 0.6, 0}, r.tags().field(GeoTags.MODEL_PIXEL_SCALE).numbers(), 1e-12);
    }

    @Test
    void anOrdinaryTiffStaysOnTheImagePath() throws IOException {
        float[] rgb = new float[3 * photo.planeSize()];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = Math.round(photo.data()[i] * 255);
        }
        Path tif = Gdal.geoTiff(dir.resolve("plain"), "plain", rgb, photo.width(), photo.height(), 3, SampleType.BYTE,
                List.of("-co", "PROFILE=BASELINE"));
        assertFalse(GeoTiffReader.wants(Files.readAllBytes(tif)));
    }
}
