package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.image.Bicubic;
import org.classsr.engine.Evaluator;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
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
        ImageCodec.write(hr.resolve("a.png"), DecodedImage.of(UpscaleJvmCommandTest.gradient(130, 98, 3)));
        ImageCodec.write(hr.resolve("b.png"), DecodedImage.of(UpscaleJvmCommandTest.gradient(64, 64, 3)));
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

    /** PSNR on MATLAB's BT.601 Y in [0, 255], {@code border} pixels cropped, written out by hand. */
    static double handPsnrY(FloatImage a, FloatImage b, int border) {
        double sum = 0;
        int n = 0;
        for (int y = border; y < a.height() - border; y++) {
            for (int x = border; x < a.width() - border; x++) {
                double ya = 16 + 65.481 * a.get(0, x, y) + 128.553 * a.get(1, x, y) + 24.966 * a.get(2, x, y);
                double yb = 16 + 65.481 * b.get(0, x, y) + 128.553 * b.get(1, x, y) + 24.966 * b.get(2, x, y);
                sum += (ya - yb) * (ya - yb);
                n++;
            }
        }
        return 10 * Math.log10(255.0 * 255 / (sum / n));
    }

    @Test
    void aSingleNetworkFolderIsMeasuredAgainstBicubicInOneRun() throws IOException {
        Path pair = TestModels.writeRandomPair(dir.resolve("models"), 9);
        Path single = dir.resolve("models/fsrcnn-o");
        Path hr = Files.createDirectories(dir.resolve("hr"));
        ImageCodec.write(hr.resolve("a.png"), DecodedImage.of(UpscaleJvmCommandTest.gradient(130, 98, 3)));
        Path pairJson = dir.resolve("pair.json");
        Path singleJson = dir.resolve("single.json");

        CliRun viaPair = CliRun.of("eval", "--model", pair.toString(), "--hr", hr.toString(), "--json", pairJson.toString());
        CliRun run = CliRun.of("eval", "--model", single.toString(), "--hr", hr.toString(), "--json", singleJson.toString());

        assertEquals(0, viaPair.exitCode(), viaPair.err());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("is a single network"), run.out());
        JsonNode pairSummary = new ObjectMapper().readTree(pairJson.toFile()).get("summary");
        JsonNode s = new ObjectMapper().readTree(singleJson.toFile()).get("summary");
        // The "-O" network scores as it does beside its ClassSR model, in both columns of its own report.
        assertEquals(pairSummary.get("psnr_y").get("original").asDouble(), s.get("psnr_y").get("original").asDouble(), 1e-9);
        assertEquals(s.get("psnr_y").get("original").asDouble(), s.get("psnr_y").get("classsr").asDouble(), 0);
        assertEquals(pairSummary.get("psnr_y").get("bicubic").asDouble(), s.get("psnr_y").get("bicubic").asDouble(), 1e-9);
        assertEquals(1.0, s.get("time_ratio").asDouble(), 0);
        assertEquals(1.0, s.get("paper_flops_ratio").asDouble(), 1e-12);

        CliRun budget = CliRun.of("eval", "--model", single.toString(), "--hr", hr.toString(), "--budget", "0.6");
        assertEquals(2, budget.exitCode(), budget.err());
        assertTrue(budget.err().contains("single network"), budget.err());
    }

    @Test
    void reportsThePsnrOfTheImagesItMade() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 12);
        Path hr = Files.createDirectories(dir.resolve("hr"));
        Path lr = Files.createDirectories(dir.resolve("lr"));
        FloatImage truth = ImageCodec.read(Path.of("src/test/resources/images").resolve(firstPhoto())).color();
        truth = truth.cropToMultiple(4);
        ImageCodec.write(hr.resolve("p.png"), DecodedImage.of(truth));
        FloatImage small = Evaluator.lowResolution(truth, 4);
        ImageCodec.write(lr.resolve("p.png"), DecodedImage.of(small));
        // ClassSR's output made independently, by the upscale command on the same LR file.
        CliRun upscaled = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", dir.resolve("up").toString(),
                lr.resolve("p.png").toString());
        assertEquals(0, upscaled.exitCode(), upscaled.err());
        FloatImage classSr = ImageCodec.read(dir.resolve("up").resolve("p.png")).color();
        Path json = dir.resolve("report.json");

        CliRun run = CliRun.of("eval", "--model", model.toString(), "--hr", hr.toString(), "--lr", lr.toString(),
                "--json", json.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode psnr = new ObjectMapper().readTree(json.toFile()).get("images").get(0).get("psnr_y");
        double wantClassSr = handPsnrY(classSr, truth, 4);
        double wantBicubic = handPsnrY(Evaluator.bicubicUpscale(small, 4), truth, 4);
        assertEquals(wantClassSr, psnr.get("classsr").asDouble(), 1e-3, psnr.toString());
        assertEquals(wantBicubic, psnr.get("bicubic").asDouble(), 1e-3, psnr.toString());
        // Two different images, two different scores: no constant or shared number passes.
        assertTrue(Math.abs(wantClassSr - wantBicubic) > 0.01, psnr.toString());
    }

    private static String firstPhoto() throws IOException {
        try (var files = Files.list(Path.of("src/test/resources/images"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().findFirst()
                    .orElseThrow();
        }
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
        DecodedImage a = DecodedImage.of(UpscaleJvmCommandTest.gradient(64, 48, 3));
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
        ImageCodec.write(hr.resolve("a.png"), DecodedImage.of(UpscaleJvmCommandTest.gradient(64, 48, 3)));
        HeaderOnlyPng.write(hr.resolve("huge.png"), 40_000, 30_000);

        CliRun run = CliRun.of("eval", "--model", model.toString(), "--hr", hr.toString(),
                "-Dclasssr.input.max-pixels=1000000");

        assertEquals(1, run.exitCode(), run.err());
        // Decoded first, it would be "truncated"; from its header it is over the limit.
        assertTrue(run.err().matches("(?s).*FAILED \\S*huge.png: .*40000x30000 .*over the limit.*"), run.err());
        assertTrue(run.out().contains("a.png"), run.out());
    }
}
