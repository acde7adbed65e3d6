package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.ModelCache;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.Quantize;
import org.classsr.model.ClassSrModel;
import org.classsr.model.LazyNetwork;
import org.classsr.model.NetworkSpec;
import org.classsr.model.TestModels;
import org.classsr.nn.CarnNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands with model folders of the other families (CARN-M, MSRResNet, RCAN), random
 * branch weights at tiny widths: nothing on the way from the command line to the written image
 * may assume FSRCNN. The ClassSR folders route by brightness (a hand-set classifier), so the input
 * below sends tiles to more than one branch.
 */
class FamilyModelsTest {

    private static final int SCALE = 4;

    @TempDir
    static Path dir;

    /** 88x40 LR: dark on the left, bright on the right, with texture; 3 x 2 tiles of 32, step 28. */
    static Path input;

    @BeforeAll
    static void writeInput() throws IOException {
        FloatImage lr = FloatImage.zeros(88, 40, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 88; x++) {
                    float base = x < 44 ? 0.05f : 0.75f;
                    lr.set(c, x, y, base + 0.2f * ((x * 7 + y * 3 + c * 5) % 10) / 10f);
                }
            }
        }
        input = Files.createDirectories(dir.resolve("in")).resolve("scene.png");
        ImageCodec.write(input, DecodedImage.of(lr));
    }

    private static Path writeFamily(String family, NetworkSpec original, List<NetworkSpec> branches, long seed)
            throws IOException {
        return TestModels.writeRandomFamily(dir.resolve("models-" + family), family, original, branches, seed,
                blocks -> TestModels.setBrightnessClassifier(blocks.get("classifier")));
    }

    @Test
    void carnFoldersUpscaleInOneJvmAndWithSparkAlikeAndReportTheirClassesAndFlops() throws IOException {
        // CARN-M's group 4 needs widths divisible by 4.
        Path classsr = writeFamily("carn", TestModels.carn(8),
                List.of(TestModels.carn(4), TestModels.carn(8), TestModels.carn(12)), 5);
        Path original = classsr.resolveSibling("carn-o");
        // The "-O" network's paper FLOPs per tile, straight from the architecture (no transposed
        // conv, so paper = executed): the report must count these, not FSRCNN's.
        long carnOMacs = new CarnNet(8, 4, SCALE).macs(new Shape(1, 3, 32, 32));

        for (Path model : List.of(original, classsr)) {
            String name = model.getFileName().toString();
            ClassSrModel opened = ModelCache.get(model);
            List<String> classes = opened.spec().classNames();

            CliRun jvm = CliRun.of("upscale-jvm", "--model", model.toString(), "--output",
                    dir.resolve("jvm-" + name).toString(), input.toString());
            assertEquals(0, jvm.exitCode(), name + ": " + jvm.err());
            FloatImage jvmOut = checkCoversEveryPixel(model, ImageCodec.read(dir.resolve("jvm-" + name + "/scene.png")));
            int[] jvmCounts = classCounts(jvm.err(), classes);

            Path json = dir.resolve("report-" + name + ".json");
            CliRun spark = CliRun.of("upscale", "--model", model.toString(), "--master", "local[2]", "--output",
                    dir.resolve("spark-" + name).toString(), "--json", json.toString(),
                    "-Dclasssr.spark.progress-seconds=0", input.toString());
            assertEquals(0, spark.exitCode(), name + ": " + spark.err());
            FloatImage sparkOut = ImageCodec.read(dir.resolve("spark-" + name + "/scene.png")).color();
            assertTrue(maxLevels(jvmOut, sparkOut) <= 1, name + ": Spark and one JVM differ by "
                    + maxLevels(jvmOut, sparkOut) + " grey levels");

            // The report speaks of this model's classes and this model's costs.
            assertTrue(spark.out().contains(String.join("/", classes)), spark.out());
            JsonNode summary = new ObjectMapper().readTree(json.toFile()).get("summary");
            long paperMacs = 0;
            for (int k = 0; k < classes.size(); k++) {
                long count = summary.get("tiles_per_class").get(classes.get(k)).asLong();
                assertEquals(jvmCounts[k], count, name + ": tiles of class " + classes.get(k));
                LazyNetwork classifier = opened.classifier();
                paperMacs += count * (opened.branches().get(k).macs().paper()
                        + (classifier == null ? 0 : classifier.macs().paper()));
            }
            assertEquals(6, summary.get("tiles").asLong(), name);
            assertEquals(2 * paperMacs, summary.get("paper_flops").asLong(), name);
            if (model.equals(original)) {
                assertEquals(2 * 6 * carnOMacs, summary.get("paper_flops").asLong(), "6 tiles of CARN-M nf 8");
            } else {
                assertTrue(jvmCounts[0] > 0 && jvmCounts[2] > 0, "dark tiles simple, bright ones hard: "
                        + jvm.err());
                assertEquals((double) paperMacs / (6 * carnOMacs), summary.get("paper_flops_ratio").asDouble(), 1e-9,
                        "the ratio is against CARN-O");
            }
        }
    }

    @Test
    void srresnetAndRcanFoldersUpscaleInOneJvm() throws IOException {
        List<Path> models = new ArrayList<>();
        Path srresnet = writeFamily("srresnet", TestModels.srresnet(8, 1),
                List.of(TestModels.srresnet(4, 1), TestModels.srresnet(6, 1), TestModels.srresnet(8, 1)), 7);
        models.add(srresnet);
        models.add(srresnet.resolveSibling("srresnet-o"));
        // RCAN's channel attention reduces by 16: 16 channels is the narrowest.
        Path rcan = writeFamily("rcan", TestModels.rcan(16, 1, 1),
                List.of(TestModels.rcan(16, 1, 1), TestModels.rcan(16, 1, 1), TestModels.rcan(16, 1, 1)), 9);
        models.add(rcan);
        models.add(rcan.resolveSibling("rcan-o"));

        for (Path model : models) {
            String name = model.getFileName().toString();
            List<String> classes = ModelCache.get(model).spec().classNames();
            CliRun jvm = CliRun.of("upscale-jvm", "--model", model.toString(), "--output",
                    dir.resolve("jvm-" + name).toString(), input.toString());
            assertEquals(0, jvm.exitCode(), name + ": " + jvm.err());
            checkCoversEveryPixel(model, ImageCodec.read(dir.resolve("jvm-" + name + "/scene.png")));
            int[] counts = classCounts(jvm.err(), classes);
            assertEquals(6, Arrays.stream(counts).sum(), name + ": " + jvm.err());
        }
    }

    @Test
    void evalCalibrateAndBenchTakeAClassSrCarnFolder() throws IOException {
        Path classsr = writeFamily("carn-eval", TestModels.carn(8),
                List.of(TestModels.carn(4), TestModels.carn(8), TestModels.carn(12)), 11);
        // Ground truth x4 of the LR scene, so that eval's LR (bicubic x1/4) has the same layout.
        FloatImage lr = ImageCodec.read(input).color();
        FloatImage hrImage = FloatImage.zeros(lr.width() * SCALE, lr.height() * SCALE, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < hrImage.height(); y++) {
                for (int x = 0; x < hrImage.width(); x++) {
                    hrImage.set(c, x, y, lr.get(c, x / SCALE, y / SCALE));
                }
            }
        }
        Path hr = Files.createDirectories(dir.resolve("hr")).resolve("scene.png");
        ImageCodec.write(hr, DecodedImage.of(hrImage));

        // Small batches: eval and bench warm every network up on a full batch first.
        String batch = "-Dclasssr.engine.batch-size=8";
        String classifierBatch = "-Dclasssr.engine.classifier-batch-size=8";
        CliRun eval = CliRun.of("eval", "--model", classsr.toString(), "--hr", hr.toString(), batch, classifierBatch);
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("simple/medium/hard"), eval.out());

        CliRun calibrate = CliRun.of("calibrate", "--model", classsr.toString(), "--hr", hr.toString(),
                "--target-paper-flops", "0.5");
        assertEquals(0, calibrate.exitCode(), calibrate.err());
        assertTrue(calibrate.out().contains("(target 0.5000)"), calibrate.out());

        Path json = dir.resolve("bench.json");
        CliRun bench = CliRun.of("bench", "--model", classsr.toString(), "--hr", hr.toString(), "--repeats", "1",
                "--warmups", "0", "--no-spark", "--json", json.toString(), batch, classifierBatch);
        assertEquals(0, bench.exitCode(), bench.err());
        JsonNode methods = new ObjectMapper().readTree(json.toFile()).get("methods");
        assertTrue(methods.get(1).get("label").asText().startsWith("carn-eval-o-test"), methods.toString());
        assertTrue(methods.get(2).get("label").asText().startsWith("classsr-carn-eval-test"), methods.toString());
    }

    /**
     * Every output pixel was set: the written image is the input x4 and, within 1 grey level, the
     * one-JVM engine's in-memory result, whose every value is a number (the stitcher divides by
     * the weight of the tiles covering a pixel).
     */
    private static FloatImage checkCoversEveryPixel(Path model, DecodedImage written) {
        FloatImage lr = ImageCodec.read(input).color();
        FloatImage got = written.color();
        assertEquals(lr.width() * SCALE, got.width(), model + ": width x4");
        assertEquals(lr.height() * SCALE, got.height(), model + ": height x4");
        FloatImage engine = new ClassSrEngine(ModelCache.get(model), Settings.load(List.of(), Map.of())
                .engine()).upscale(lr).image();
        for (float v : engine.data()) {
            assertTrue(Float.isFinite(v), model + ": an output value is " + v);
        }
        assertTrue(maxLevels(Quantize.to8Bit(engine), got) <= 1, model + ": the written image is not the engine's");
        return got;
    }

    private static int maxLevels(FloatImage a, FloatImage b) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        assertEquals(a.channels(), b.channels());
        int max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.round(Math.abs(a.data()[i] - b.data()[i]) * 255));
        }
        return max;
    }

    /** The per-class tile counts upscale-jvm prints ("simple=3 medium=0 hard=3"), in class order. */
    private static int[] classCounts(String printed, List<String> classes) {
        int[] counts = new int[classes.size()];
        for (int k = 0; k < classes.size(); k++) {
            Matcher m = Pattern.compile("\\b" + classes.get(k) + "=(\\d+)").matcher(printed);
            assertTrue(m.find(), "no count of class " + classes.get(k) + " in: " + printed);
            counts[k] = Integer.parseInt(m.group(1));
        }
        return counts;
    }
}
