package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.classsr.cli.CliRun;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knob reaches the Spark job: -Dclasssr.engine.class-bias on spark-upscale moves every tile to one class. */
class SparkClassBiasTest {

    @Test
    void aLargeBiasSendsEveryTileOfTheSparkJobToOneClass(@TempDir Path dir) throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 8);
        Path in = BenchTesting.writeImages(dir.resolve("in"), 2, 80, 60);
        String[][] cases = {{"[100, 0, 0]", "simple"}, {"[0, 0, 100]", "hard"}, {"[0, 100, 0]", "medium"}};
        for (String[] c : cases) {
            Path out = dir.resolve("out-" + c[1]);
            Path json = dir.resolve(c[1] + ".json");
            CliRun run = CliRun.of("spark-upscale", "--model", model.toString(), "--output", out.toString(), "--json",
                    json.toString(), "-Dclasssr.spark.master=local[2]", "-Dclasssr.spark.progress-seconds=0",
                    "-Dclasssr.engine.class-bias=" + c[0], in.toString());
            assertEquals(0, run.exitCode(), run.err());
            JsonNode s = new ObjectMapper().readTree(json.toFile()).get("summary");
            long tiles = s.get("tiles").asLong();
            assertEquals(2L * org.classsr.tile.TileGrid.cover(80, 60, 32, 28).count(), tiles);
            assertEquals(tiles, s.get("tiles_per_class").get(c[1]).asLong(), c[0] + ": " + s);
            assertEquals(1.0, s.get("class_fraction").get(c[1]).asDouble(), 1e-12);
        }
    }
}
