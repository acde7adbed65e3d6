package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.image.Bicubic;
import org.classsr.image.DecodedImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.Quantize;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void measuresClassSrOriginalAndBicubicAndWritesTheReport() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 9);
        Path hr = Files.createDirectories(dir.resolve("hr"));
        ImageCodec.write(hr.resolve("a.png"), DecodedImage.of(UpscaleCommandTest.gradient(130, 98, 3)));
        ImageCodec.write(hr.resolve("b.png"), DecodedImage.of(UpscaleCommandTest.gradient(64, 64, 3)));
        Path json = dir.resolve("report.json");

        CliRun run = CliRun.of("eval", "--model", model.toString(), "--hr", hr.toString(), "--json", json.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("PSNR-Y"), run.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode s = root.get("summary");
        assertEquals(2, s.get("images").asInt());
        for (String measure : new String[] {"psnr_y", "ssim_y"}) {
            for (String method : new String[] {"classsr", "original", "bicubic"}) {
                assertTrue(s.get(measure).get(method).isNumber(), measure + "." + method);
            }
        }
        double fractions = 0;
        for (String cls : new String[] {"simple", "medium", "hard"}) {
            fractions += s.get("class_fraction").get(cls).asDouble();
        }
        assertEquals(1.0, fractions, 1e-9);
        for (String key : new String[] {"paper_flops_ratio", "executed_flops_ratio", "time_ratio"}) {
            assertTrue(s.get(key).asDouble() > 0, key);
        }
        assertTrue(s.get("seconds").get("classsr").asDouble() > 0);
        assertTrue(s.get("seconds").get("original").asDouble() > 0);
        // Bicubic of a bicubic-downscaled smooth pattern is a decent reconstruction.
        assertTrue(s.get("psnr_y").get("bicubic").asDouble() > 20, s.toString());
        assertEquals(2, root.get("images").size());
        JsonNode a = root.get("images").get(0);
        assertEquals("a.png", a.get("name").asText());
        assertEquals(128, a.get("width").asInt()); // cropped to a multiple of 4
        assertEquals(96, a.get("height").asInt());
        assertTrue(a.get("psnr_y").get("classsr").isNumber());
    }

    @Test
    void evaluatesAFolderOfRealPhotos() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 13);
        Path photos = Path.of("src/test/resources/images");
        Path json = dir.resolve("photos.json");

        CliRun run = CliRun.of("eval", "--model", model.toString(), "--hr", photos.toString(), "--json", json.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        int photoCount;
        try (var files = Files.list(photos)) {
            photoCount = (int) files.filter(p -> p.toString().endsWith(".png")).count();
        }
        assertEquals(photoCount, root.get("summary").get("images").asInt());
        for (JsonNode image : root.get("images")) {
            assertTrue(run.out().contains(image.get("name").asText()), run.out());
            // Real photos downscaled with MATLAB bicubic and upscaled again: bicubic is a fair baseline.
            assertTrue(image.get("psnr_y").get("bicubic").asDouble() > 22, image.toString());
            assertTrue(image.get("ssim_y").get("bicubic").asDouble() > 0.5, image.toString());
        }
    }

    @Test
    void usesGivenLrImagesAndReportsAMissingOne() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 10);
        Path hr = Files.createDirectories(dir.resolve("hr"));
        Path lr = Files.createDirectories(dir.resolve("lr"));
        DecodedImage a = DecodedImage.of(UpscaleCommandTest.gradient(64, 48, 3));
        ImageCodec.write(hr.resolve("a.png"), a);
        ImageCodec.write(lr.resolve("a.png"), DecodedImage.of(Quantize.to8Bit(Bicubic.downscale(a.color(), 4))));
        ImageCodec.write(hr.resolve("b.png"), a);

        CliRun run = CliRun.of("eval", "--model", model.toString(), "--hr", hr.toString(), "--lr", lr.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("a.png"), run.out());
        assertTrue(run.err().contains("FAILED") && run.err().contains("no LR image named b"), run.err());
    }

    @Test
    void thePixelLimitIsAppliedFromTheHeaderBeforeDecoding() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 10);
        Path hr = Files.createDirectories(dir.resolve("hr-limit"));
        ImageCodec.write(hr.resolve("a.png"), DecodedImage.of(UpscaleCommandTest.gradient(64, 48, 3)));
        HeaderOnlyPng.write(hr.resolve("huge.png"), 40_000, 30_000);

        CliRun run = CliRun.of("eval", "--model", model.toString(), "--hr", hr.toString(),
                "-Dclasssr.input.max-pixels=1000000");

        assertEquals(1, run.exitCode(), run.err());
        // Decoded first, it would be "truncated"; from its header it is over the limit.
        assertTrue(run.err().matches("(?s).*FAILED \\S*huge.png: .*40000x30000 .*over the limit.*"), run.err());
        assertTrue(run.out().contains("a.png"), run.out());
    }
}
