package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classsr.engine.ModelCache;
import org.classsr.engine.ProgressListener;
import org.classsr.geo.Gdal;
import org.classsr.geo.GeoSettings;
import org.classsr.geo.GeoStats;
import org.classsr.geo.GeoTiffFiles;
import org.classsr.geo.GeoUpscaler;
import org.classsr.geo.SampleType;
import org.classsr.geo.TestRasters;
import org.classsr.image.FloatImage;
import org.junit.jupiter.api.Test;

/**
 * GeoTIFFs through the Spark job (local[2]) beside an ordinary PNG: the raster comes out as the
 * one-JVM geo path writes it, byte for byte, with GDAL seeing its CRS, pixel size / 4, bands,
 * types and nodata; the report names the ClassSR and bicubic bands and the skipped tiles.
 */
class GeoJobTest extends RandomModelSparkTest {

    @Test
    void aGeoTiffComesOutAsTheOneJvmPathWritesItWithTheReportSayingWhichBands() throws IOException {
        FloatImage photo = TestRasters.photo(TestRasters.SAMPLE);
        Path in = dir.resolve("in");
        Path tif = Gdal.geoTiff(in, "scene", TestRasters.reflectance(photo, 0, 0, 70, 50, 0), 160, 120, 4,
                SampleType.UINT16, List.of("-a_srs", "EPSG:32611", "-a_ullr", "500000", "4100000", "500096", "4099928",
                        "-a_nodata", "0", "-co", "TILED=YES", "-co", "BLOCKXSIZE=32", "-co", "BLOCKYSIZE=32",
                        "-co", "COMPRESS=LZW"));
        Files.delete(in.resolve("scene.raw"));
        Files.delete(in.resolve("scene.vrt"));
        SparkTesting.copySample(SparkTesting.SAMPLES.get(0), in);
        GeoSettings geo = GeoSettings.of(List.of(3, 2, 1), List.of(0, 10000));
        Path out = dir.resolve("out");
        JobReport report = DistributedUpscaler.run(spark, SparkTesting.local(), new JobRequest(List.of(in.toString()),
                out.toString(), model, SparkTesting.engine(), 64_000_000L, "same", false, false, null), geo, null);

        assertEquals(2, report.imagesOk(), report.failures().toString());
        Path oneJvm = dir.resolve("scene-one-jvm.tif");
        GeoStats stats = GeoTiffFiles.upscale(new GeoUpscaler(ModelCache.get(model), SparkTesting.engine(), geo), tif,
                oneJvm, ProgressListener.NONE);
        assertArrayEquals(Files.readAllBytes(oneJvm), Files.readAllBytes(out.resolve("scene.tif")));

        JsonNode info = Gdal.info(out.resolve("scene.tif"));
        JsonNode source = Gdal.info(tif);
        assertEquals(source.get("coordinateSystem"), info.get("coordinateSystem"));
        assertEquals(source.get("cornerCoordinates"), info.get("cornerCoordinates"));
        assertEquals(source.get("geoTransform").get(1).asDouble() / 4, info.get("geoTransform").get(1).asDouble());
        assertEquals(4, info.get("bands").size());
        for (JsonNode band : info.get("bands")) {
            assertEquals("UInt16", band.get("type").asText());
            assertEquals(0.0, band.get("noDataValue").asDouble());
        }

        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve(DistributedUpscaler.REPORT)));
        JsonNode scene = null;
        for (JsonNode image : json.get("images")) {
            if (image.get("name").asText().equals("scene")) {
                scene = image.get("geo");
            }
        }
        assertEquals("[3,2,1]", scene.get("classsr_bands").toString());
        assertEquals("[4]", scene.get("bicubic_bands").toString());
        assertEquals("UInt16", scene.get("sample_type").asText());
        assertTrue(stats.skippedTiles() > 0);
        assertEquals(stats.skippedTiles(), scene.get("tiles_skipped_nodata").asInt());
        assertEquals(stats.skippedTiles(), json.get("summary").get("tiles_skipped_nodata").asInt());
    }

    @Test
    void aGeoTiffAskedForAsPngFailsWithTheReason() throws IOException {
        FloatImage photo = TestRasters.photo(TestRasters.SAMPLE);
        Path in = dir.resolve("in-png");
        Gdal.geoTiff(in, "scene", TestRasters.reflectance(photo, 0, 0, 0, 0, 0), 160, 120, 4, SampleType.UINT16,
                List.of("-a_srs", "EPSG:32611", "-a_ullr", "500000", "4100000", "500096", "4099928"));
        Files.delete(in.resolve("scene.raw"));
        Files.delete(in.resolve("scene.vrt"));
        JobReport report = DistributedUpscaler.run(spark, SparkTesting.local(), new JobRequest(List.of(in.toString()),
                dir.resolve("out-png").toString(), model, SparkTesting.engine(), 64_000_000L, "png", false, false,
                null), null);
        assertEquals(0, report.imagesOk());
        assertTrue(report.failures().values().iterator().next().contains("use --format tif"),
                report.failures().toString());
    }
}
