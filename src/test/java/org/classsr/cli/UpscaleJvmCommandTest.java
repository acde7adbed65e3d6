package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpscaleJvmCommandTest {

    @TempDir
    Path dir;
    Path model;
    Path in;

    @BeforeEach
    void setUp() throws IOException {
        model = TestModels.writeRandomPair(dir.resolve("models"), 3);
        in = Files.createDirectories(dir.resolve("in"));
    }

    static FloatImage gradient(int w, int h, int channels) {
        FloatImage img = FloatImage.zeros(w, h, channels);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img.set(c, x, y, (x + 2 * y + 10 * c) % 97 / 96f);
                }
            }
        }
        return img;
    }

    @Test
    void upscalesGoodInputsAndReportsEveryBadOneByNameAndReason() throws IOException {
        ImageCodec.write(in.resolve("good.png"), DecodedImage.of(gradient(40, 30, 3)));
        ImageCodec.write(in.resolve("grey.png"), DecodedImage.of(gradient(23, 17, 1)));
        ImageCodec.write(in.resolve("photo.jpg"), DecodedImage.of(gradient(36, 20, 3)));
        ImageCodec.write(in.resolve("huge.png"), DecodedImage.of(gradient(60, 40, 3)));
        Files.write(in.resolve("empty.png"), new byte[0]);
        Files.writeString(in.resolve("notes.png"), "this is not an image");
        byte[] png = Files.readAllBytes(in.resolve("good.png"));
        Files.write(in.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", out.toString(), "--class-map",
                "-Dclasssr.input.max-pixels=2000", in.toString(), dir.resolve("missing.png").toString());

        assertEquals(1, run.exitCode(), run.err());
        DecodedImage good = ImageCodec.read(out.resolve("good.png"));
        assertEquals(160, good.color().width());
        assertEquals(120, good.color().height());
        assertEquals(1, ImageCodec.read(out.resolve("grey.png")).color().channels());
        assertEquals(144, ImageCodec.read(out.resolve("photo.jpg")).color().width());
        assertEquals(40, ImageCodec.read(out.resolve("good_classmap.png")).color().width());
        assertTrue(run.out().contains("3 of 8 images upscaled"), run.out());

        String err = run.err();
        assertTrue(err.matches("(?s).*FAILED \\S*huge.png: .*over the limit.*"), err);
        assertTrue(err.matches("(?s).*FAILED \\S*empty.png: .*empty.*"), err);
        assertTrue(err.matches("(?s).*FAILED \\S*notes.png: .*"), err);
        assertTrue(err.matches("(?s).*FAILED \\S*cut.png: .*truncated.*"), err);
        assertTrue(err.matches("(?s).*FAILED \\S*missing.png: .*"), err);
        for (String bad : new String[] {"huge", "empty", "notes", "cut", "missing"}) {
            assertFalse(Files.exists(out.resolve(bad + ".png")), bad + " must leave no output");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void formatOptionChangesTheOutputFormat() throws IOException {
        ImageCodec.write(in.resolve("a.png"), DecodedImage.of(gradient(20, 20, 3)));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", out.toString(), "--format", "tif",
                in.resolve("a.png").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(80, ImageCodec.read(out.resolve("a.tif")).color().width());
    }

    @Test
    void aModelWithoutWeightsIsRefusedClearly() throws IOException {
        Path empty = dir.resolve("untrained");
        TestModels.classSrSpec().write(empty);
        ImageCodec.write(in.resolve("a.png"), DecodedImage.of(gradient(20, 20, 3)));
        CliRun run = CliRun.of("upscale-jvm", "--model", empty.toString(), "--output", dir.resolve("o").toString(),
                in.resolve("a.png").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no trained weights"), run.err());
        assertTrue(run.err().contains("classifier.safetensors"), run.err());
    }

    @Test
    void originalFlagRunsTheBigNetworkOnEveryTile() throws IOException {
        ImageCodec.write(in.resolve("a.png"), DecodedImage.of(gradient(40, 40, 3)));
        CliRun run = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", dir.resolve("o").toString(),
                "--original", in.resolve("a.png").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("all=4"), run.err());
    }

    @Test
    void twoInputsWithOneOutputNameAreRefusedBeforeAnyWork() throws IOException {
        Files.createDirectories(in.resolve("a"));
        Files.createDirectories(in.resolve("b"));
        ImageCodec.write(in.resolve("a/x.png"), DecodedImage.of(gradient(20, 20, 3)));
        ImageCodec.write(in.resolve("b/x.png"), DecodedImage.of(gradient(24, 20, 3)));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", out.toString(), in.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("a/x.png and ") && run.err().contains("b/x.png"), run.err());
        assertFalse(Files.exists(out.resolve("x.png")), "nothing is written");
    }

    @Test
    void aFolderWithoutImagesIsAnError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ImageCodec.write(in.resolve("a.png"), DecodedImage.of(gradient(20, 20, 3)));
        CliRun run = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", dir.resolve("o").toString(),
                in.toString(), empty.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("error: no image files in " + empty, run.err().lines().findFirst().orElse("").replaceAll(" \\(.*", ""));
    }
}
