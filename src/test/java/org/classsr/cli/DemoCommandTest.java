package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.image.ImageCodec;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void upscalesTheBundledSamplesWithClassMapsAndWritesTheReport() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 14);
        Path out = dir.resolve("demo");

        CliRun run = CliRun.of("demo", "--model", model.toString(), "--output", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        for (String sample : DemoCommand.SAMPLES) {
            String stem = sample.substring(0, sample.lastIndexOf('.'));
            int width = ImageCodec.read(out.resolve("samples").resolve(sample)).color().width();
            assertEquals(4 * width, ImageCodec.read(out.resolve("hr").resolve(sample)).color().width(), sample);
            assertTrue(Files.isRegularFile(out.resolve("hr").resolve(stem + "_classmap.png")), stem);
        }
        assertEquals(DemoCommand.SAMPLES.size(),
                new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("summary").get("images").asInt());
    }

    @Test
    void withoutTrainedWeightsItSaysSoAndStops() throws IOException {
        Path untrained = dir.resolve("untrained");
        TestModels.classSrSpec().write(untrained);
        CliRun run = CliRun.of("demo", "--model", untrained.toString(), "--output", dir.resolve("o").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no trained weights"), run.err());
    }
}
