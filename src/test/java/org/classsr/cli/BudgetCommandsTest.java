package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --budget} on upscale-jvm and eval with the shipped model: met, reported, clamped. */
class BudgetCommandsTest {

    private static final String MODEL = "models/classsr-fsrcnn";
    private static final Pattern REACHED = Pattern.compile("reached (\\d+\\.\\d+)");

    @TempDir
    Path dir;

    private Path crops() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (String name : List.of("astronaut-crop-160x120.png", "coffee-crop-160x120.png")) {
            try (InputStream s = BudgetCommandsTest.class.getResourceAsStream("/images/" + name)) {
                Files.copy(s, in.resolve(name));
            }
        }
        return in;
    }

    /** upscale-jvm of the crops into out/ at {@code --budget budget}, with {@code more} options. */
    private CliRun upscaleJvm(String budget, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("upscale-jvm", "--model", MODEL, "--budget", budget));
        args.addAll(List.of(more));
        args.addAll(List.of("--output", dir.resolve("out").toString(), crops().toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static double reached(String out) {
        Matcher m = REACHED.matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void upscaleJvmMeetsAJobBudgetAndSaysSo() throws IOException {
        CliRun run = upscaleJvm("0.5");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("budget: asked 0.5000 of \"-O\" paper FLOPs per job"), run.out());
        double reached = reached(run.out());
        // 60 tiles: one tile's step (hard to simple) is 0.70 / 60 of the "-O" cost.
        assertTrue(reached <= 0.5 && reached > 0.5 - 0.7 / 60, run.out());
        assertTrue(Files.isRegularFile(dir.resolve("out/coffee-crop-160x120.png")));
    }

    @Test
    void aBudgetBelowTheAllSimpleCostIsClampedWithAMessage() throws IOException {
        CliRun run = upscaleJvm("0.1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("budget 0.1000 is below the all-simple cost 0.3182"), run.err());
        assertTrue(run.out().contains("simple 100.0%"), run.out());
    }

    @Test
    void evalMeetsAnImageBudgetInEveryImageAndReportsIt() throws IOException {
        Path json = dir.resolve("eval.json");
        CliRun run = CliRun.of("eval", "--model", MODEL, "--budget", "0.6", "-Dclasssr.engine.budget.scope=image",
                "--hr", crops().toString(), "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode budget = root.get("budget");
        assertEquals(0.6, budget.get("ratio_asked").asDouble());
        assertEquals("image", budget.get("scope").asText());
        assertEquals(2, budget.get("decisions").size());
        for (JsonNode image : root.get("images")) {
            // Each 160x120 HR crop gives a 40x30 LR image, covered by 2 tiles: within one of them.
            double ratio = image.get("paper_flops_ratio").asDouble();
            int tiles = image.get("tiles").asInt();
            assertTrue(ratio <= 0.6 + 1e-12 && ratio > 0.6 - 0.7 / tiles, image.toString());
        }
        assertEquals(budget.get("ratio_reached").asDouble(), root.get("summary").get("paper_flops_ratio").asDouble(), 1e-12);
        assertTrue(run.out().contains("budget: asked 0.6000"), run.out());
    }

    @Test
    void aWrongFlopsConventionIsRefusedClearly() throws IOException {
        CliRun run = upscaleJvm("0.5", "-Dclasssr.engine.budget.flops=wall");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("paper or executed"), run.err());
    }
}
