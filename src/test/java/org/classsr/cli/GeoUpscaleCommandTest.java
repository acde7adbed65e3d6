package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classsr.geo.Gdal;
import org.classsr.geo.SampleType;
import org.classsr.geo.TestRasters;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upscale-jvm on a GeoTIFF: every band out, the band choice and value range from -D settings. */
class GeoUpscaleCommandTest {

    @Test
    void upscaleJvmKeepsEveryBandAndSaysWhichWentThroughClassSr(@TempDir Path dir) throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 3);
        Path in = dir.resolve("in");
        Gdal.geoTiff(in, "scene", TestRasters.reflectance(TestRasters.photo(TestRasters.SAMPLE), 0, 0, 70, 50, 0),
                160, 120, 4, SampleType.UINT16, List.of("-a_srs", "EPSG:32611", "-a_ullr", "500000", "4100000",
                        "500096", "4099928", "-a_nodata", "0", "-co", "COMPRESS=DEFLATE"));
        Files.delete(in.resolve("scene.raw"));
        Files.delete(in.resolve("scene.vrt"));
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", out.toString(),
                "-Dclasssr.input.rgb-bands=[3, 2, 1]", "-Dclasssr.input.value-range=[0, 10000]", in.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue((run.out() + run.err()).contains("bands [3, 2, 1] ClassSR, [4] bicubic"), run.err());
        JsonNode info = Gdal.info(out.resolve("scene.tif"));
        assertEquals(640, info.get("size").get(0).asInt());
        assertEquals(4, info.get("bands").size());
        assertEquals("UInt16", info.get("bands").get(3).get("type").asText());

        CliRun tiled = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", dir.resolve("tiled").toString(),
                "-Dclasssr.output.geotiff-layout=tiled-deflate", in.toString());
        assertEquals(0, tiled.exitCode(), tiled.err());
        JsonNode tiledInfo = Gdal.info(dir.resolve("tiled/scene.tif"));
        assertEquals("DEFLATE", tiledInfo.get("metadata").get("IMAGE_STRUCTURE").get("COMPRESSION").asText());

        CliRun png = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", dir.resolve("png").toString(),
                "--format", "png", in.toString());
        assertEquals(1, png.exitCode());
        assertTrue(png.err().contains("use --format tif"), png.err());

        CliRun bad = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", out.toString(),
                "-Dclasssr.input.rgb-bands=[1, 2]", in.toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("rgb-bands takes 1 or 3 bands"), bad.err());
    }
}
