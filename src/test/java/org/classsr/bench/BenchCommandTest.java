package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.cli.CliRun;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.Evaluator;
import org.classsr.engine.ImageEvaluation;
import org.classsr.engine.ModelCache;
import org.classsr.image.ImageCodec;
import org.classsr.model.ClassSrModel;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classsr bench} end to end: two tiny images, two repeats, Spark local[2], a sweep; JSON, Markdown, PNG. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void measuresEveryMethodAndWritesJsonMarkdownAndCharts() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 3);
        Path hr = BenchTesting.writeImages(dir.resolve("hr"), 2, 96, 72);
        Path json = dir.resolve("out/bench.json");
        Path md = dir.resolve("out/bench.md");
        Path chart = dir.resolve("out/bench.png");

        CliRun run = CliRun.of("bench", "--model", model.toString(), "--hr", hr.toString(), "--repeats", "2",
                "--json", json.toString(), "--md", md.toString(), "--chart", chart.toString(),
                "--sweep", "-1,0.5", "-Dclasssr.spark.master=local[2]", "-Dclasssr.spark.progress-seconds=0");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        for (String key : new String[] {"machine", "setup", "methods", "breakdown", "targets", "sweep"}) {
            assertTrue(root.has(key), key + " in " + root);
        }
        assertEquals(2, root.get("setup").get("images").size());
        assertEquals(2, root.get("setup").get("repeats").asInt());
        JsonNode methods = root.get("methods");
        String[] expected = {"bicubic", "original", "classsr", "classsr_files", "spark"};
        assertEquals(expected.length, methods.size());
        for (int i = 0; i < expected.length; i++) {
            JsonNode m = methods.get(i);
            assertEquals(expected[i], m.get("method").asText());
            assertTrue(m.get("psnr_y").asDouble() > 5, m.toString());
            JsonNode s = m.get("seconds_per_image");
            assertEquals(2, s.get("samples").size(), "one sample per timed repeat");
            assertTrue(s.get("min").asDouble() <= s.get("median").asDouble()
                    && s.get("median").asDouble() <= s.get("max").asDouble(), s.toString());
            assertTrue(s.get("min").asDouble() > 0, s.toString());
            assertTrue(m.get("output_megapixels_per_second").asDouble() > 0);
            assertTrue(m.get("time_ratio").asDouble() > 0);
            for (String k : new String[] {"label", "timed_scope", "paper_flops_per_image", "executed_flops_per_image",
                    "paper_flops_ratio", "executed_flops_ratio", "class_fraction"}) {
                assertTrue(m.has(k), k + " in " + m);
            }
        }
        assertTrue(methods.get(0).get("paper_flops_per_image").isNull(), "bicubic has no network FLOPs");
        assertEquals(1.0, methods.get(1).get("paper_flops_ratio").asDouble(), 1e-12);
        assertEquals(1.0, methods.get(1).get("time_ratio").asDouble(), 1e-12);
        // The Spark job computes what the engine computes: same FLOPs, PSNR within rounding.
        assertEquals(methods.get(2).get("executed_flops_per_image").asDouble(),
                methods.get(4).get("executed_flops_per_image").asDouble(), 1.0);
        assertEquals(methods.get(2).get("psnr_y").asDouble(), methods.get(4).get("psnr_y").asDouble(), 0.05);

        JsonNode b = root.get("breakdown");
        JsonNode parts = b.get("seconds_per_image");
        for (String k : new String[] {"decode", "tiling", "tensor_conversion", "classifier_forward", "branch_forwards",
                "stitching", "engine_other", "encode", "spark_overhead"}) {
            assertTrue(parts.get(k).isNumber(), k + " in " + parts);
        }
        double engineParts = 0;
        for (String k : new String[] {"tiling", "tensor_conversion", "classifier_forward", "branch_forwards", "stitching",
                "engine_other"}) {
            engineParts += parts.get(k).asDouble();
        }
        assertEquals(b.get("engine_seconds_per_image").asDouble(), engineParts, 1e-9, "engine parts add up");
        assertTrue(parts.get("tensor_conversion").asDouble() > 0);
        double fraction = b.get("non_network_fraction").asDouble();
        assertTrue(fraction > 0 && fraction < 1, b.toString());
        JsonNode targets = root.get("targets");
        for (String k : new String[] {"time_ratio", "non_network_fraction", "spark_over_engine"}) {
            assertTrue(targets.get(k).get("measured").isNumber() && targets.get(k).get("met").isBoolean(), k);
        }
        assertEquals(fraction, targets.get("non_network_fraction").get("measured").asDouble(), 1e-12);

        JsonNode sweep = root.get("sweep");
        assertEquals(3, sweep.size(), "-1, 0 (added) and 0.5");
        assertEquals(-1.0, sweep.get(0).get("bias").asDouble());
        assertTrue(sweep.get(1).get("default").asBoolean());
        assertEquals(-0.5, sweep.get(2).get("class_bias").get(2).asDouble());

        // PSNR-Y as eval measures it, on the same images.
        ClassSrModel classsr = ModelCache.get(model);
        EngineSettings engine = EngineSettings.defaults();
        Evaluator evaluator = new Evaluator(new ClassSrEngine(classsr, engine),
                new ClassSrEngine(ModelCache.get(classsr.originalFolder()), engine));
        double[] psnr = new double[3];
        for (int i = 0; i < 2; i++) {
            ImageEvaluation e = evaluator.evaluate("img" + i, ImageCodec.read(hr.resolve("img" + i + ".png")).color(), null);
            psnr[0] += e.psnrY().bicubic() / 2;
            psnr[1] += e.psnrY().original() / 2;
            psnr[2] += e.psnrY().classsr() / 2;
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(psnr[i], methods.get(i).get("psnr_y").asDouble(), 1e-9, expected[i]);
        }
        assertEquals(psnr[2], sweep.get(1).get("psnr_y").asDouble(), 1e-9, "the default sweep point is ClassSR");

        String markdown = Files.readString(md);
        assertTrue(markdown.contains("| method |") && markdown.contains("tensor conversion")
                && markdown.contains("(default)") && markdown.contains("Targets"), markdown);
        assertPng(chart);
        assertPng(BenchCharts.sweepFile(chart));
        assertTrue(run.out().contains("non-network share"), run.out());
    }

    @Test
    void runsWithoutSparkAndRefusesAModelWithoutClassifier() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 4);
        Path hr = BenchTesting.writeImages(dir.resolve("hr"), 1, 64, 48);
        Path json = dir.resolve("b.json");
        CliRun run = CliRun.of("bench", "--model", model.toString(), "--hr", hr.toString(), "--repeats", "1",
                "--warmups", "0", "--no-spark", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(4, root.get("methods").size());
        assertTrue(root.get("breakdown").get("seconds_per_image").get("spark_overhead").isNull());
        assertTrue(!root.get("targets").has("spark_over_engine"));
        assertEquals(0, root.get("sweep").size());

        CliRun refused = CliRun.of("bench", "--model", dir.resolve("models/fsrcnn-o").toString(), "--hr", hr.toString(),
                "--no-spark");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("no classifier"), refused.err());
    }

    private static void assertPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 8);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        assertTrue(ImageCodec.read(file).width() > 100);
    }
}
