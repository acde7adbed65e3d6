package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.cli.CliRun;
import org.classsr.engine.FixedSplit;
import org.classsr.engine.ModelCache;
import org.classsr.model.ClassSrModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classsr bench --split}: timing only, tiny SRResNet models, the split's counts and ratios in the report. */
class BenchSplitTest {

    @TempDir
    Path dir;

    private static CliRun bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    @Test
    void timesClassSrAtTheSplitAgainstItsOriginalWithoutPsnr() throws IOException {
        Path model = BenchTesting.tinySrResNetPair(dir.resolve("models"));
        // HR 256x192 -> LR 64x48: 3 x 2 = 6 tiles an image; 0.5/0.3/0.2 of 6 = 3/2/1.
        Path hr = BenchTesting.writeImages(dir.resolve("hr"), 2, 256, 192);
        Path json = dir.resolve("out/split.json");
        Path md = dir.resolve("out/split.md");
        CliRun run = bench("--model", model.toString(), "--hr", hr.toString(), "--split", "0.5,0.3,0.2", "--repeats", "2",
                "--json", json.toString(), "--md", md.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("fixed_split", root.get("mode").asText());
        // What the times depend on besides the code: other load and how idle OpenMP threads wait.
        assertTrue(root.get("machine").get("load_average_1m").isNumber() && root.get("machine").has("omp_wait_policy"),
                root.get("machine").toString());
        JsonNode methods = root.get("methods");
        assertEquals(2, methods.size(), "the -O network and ClassSR only");
        assertEquals("original", methods.get(0).get("method").asText());
        assertEquals("classsr", methods.get(1).get("method").asText());
        for (JsonNode m : methods) {
            assertTrue(m.get("psnr_y").isNull(), "no PSNR at a fixed split: " + m);
            assertEquals(2, m.get("seconds_per_image").get("samples").size());
        }

        JsonNode split = root.get("split");
        assertEquals(0.3, split.get("fractions").get("medium").asDouble(), 1e-12);
        assertEquals(6, split.get("tiles_per_class").get("simple").asLong());
        assertEquals(4, split.get("tiles_per_class").get("medium").asLong());
        assertEquals(2, split.get("tiles_per_class").get("hard").asLong());
        assertTrue(split.get("psnr").asText().contains("timing only"), split.toString());
        double timeRatio = split.get("time_ratio").asDouble();
        assertTrue(timeRatio > 0, split.toString());
        assertEquals(1.0, timeRatio * split.get("speedup").asDouble(), 1e-9);
        assertEquals(methods.get(1).get("time_ratio").asDouble(), timeRatio, 1e-12);

        // The FLOPs ratios are those the split implies: the classifier on every tile plus each
        // class's branch on exactly its tiles, against the -O network on every tile.
        ClassSrModel classsr = ModelCache.get(model);
        ClassSrModel original = ModelCache.get(classsr.originalFolder());
        int[] counts = new FixedSplit(new double[] {0.5, 0.3, 0.2}).counts(6);
        double executed = 6.0 * classsr.classifier().macs().executed();
        double paper = 6.0 * classsr.classifier().macs().paper();
        for (int k = 0; k < 3; k++) {
            executed += counts[k] * classsr.branches().get(k).macs().executed();
            paper += counts[k] * classsr.branches().get(k).macs().paper();
        }
        assertEquals(executed / (6.0 * original.branches().get(0).macs().executed()),
                split.get("executed_flops_ratio").asDouble(), 1e-12);
        assertEquals(paper / (6.0 * original.branches().get(0).macs().paper()), split.get("paper_flops_ratio").asDouble(),
                1e-12);

        JsonNode images = split.get("images");
        assertEquals(2, images.size());
        for (JsonNode im : images) {
            assertEquals(6, im.get("tiles").asInt());
            assertTrue(im.get("seconds_original").asDouble() > 0 && im.get("seconds_classsr").asDouble() > 0, im.toString());
        }
        assertTrue(root.get("breakdown").get("seconds_per_image").get("classifier_forward").isNumber());
        assertTrue(root.get("breakdown").get("files_seconds_per_image").isNull(), "no file-to-file run");
        assertEquals(0, root.get("sweep").size());

        assertTrue(run.out().contains("no PSNR is reported") && run.out().contains("simple/medium/hard = 50/30/20%"),
                run.out());
        String markdown = Files.readString(md);
        assertTrue(markdown.contains("Timing only") && markdown.contains("Per image") && markdown.contains("| img1 | 6 |"),
                markdown);
    }

    @Test
    void aBadSplitIsOneClearError() throws IOException {
        Path model = BenchTesting.tinySrResNetPair(dir.resolve("models"));
        Path hr = BenchTesting.writeImages(dir.resolve("hr"), 1, 128, 128);
        CliRun count = bench("--model", model.toString(), "--hr", hr.toString(), "--split", "0.5,0.5");
        assertEquals(2, count.exitCode());
        assertTrue(count.err().contains("needs 3 fractions, one per class (simple, medium, hard), got 2"), count.err());
        CliRun sum = bench("--model", model.toString(), "--hr", hr.toString(), "--split", "0.7,0.2,0.2");
        assertEquals(2, sum.exitCode());
        assertTrue(sum.err().contains("must sum to 1"), sum.err());
        CliRun negative = bench("--model", model.toString(), "--hr", hr.toString(), "--split=1.1,0.1,-0.2");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains(">= 0"), negative.err());
        CliRun sweep = bench("--model", model.toString(), "--hr", hr.toString(), "--split", "0.61,0.23,0.16", "--sweep", "1");
        assertEquals(2, sweep.exitCode());
        assertTrue(sweep.err().contains("--sweep"), sweep.err());
        for (CliRun r : new CliRun[] {count, sum, negative, sweep}) {
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), "one error line: " + r.err());
        }
    }
}
