package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetHrCommandTest {

    @TempDir
    Path tmp;

    private Path hrFolder() throws IOException {
        Path hr = tmp.resolve("hr");
        Files.createDirectories(hr.resolve("sub"));
        List<String> names = List.of("astronaut-crop-160x120.png", "chelsea-crop-160x120.png", "coffee-crop-160x120.png");
        for (int i = 0; i < names.size(); i++) {
            try (InputStream in = getClass().getResourceAsStream("/images/" + names.get(i))) {
                Files.copy(in, (i == 2 ? hr.resolve("sub") : hr).resolve(names.get(i)));
            }
        }
        Files.writeString(hr.resolve("notes.png"), "not an image");
        return hr;
    }

    private static CliRun dataset(Path hr, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("dataset", "--hr", hr.toString(), "--output", out.toString(),
                "--images-per-shard", "2", "-Dclasssr.dataset.patch-size=64", "-Dclasssr.dataset.step=32"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void hrFoldersInOneJvmAndAsASparkJobGiveTheSameShardsAndRerunsSkipThem() throws IOException {
        Path hr = hrFolder();
        CliRun jvm = dataset(hr, tmp.resolve("jvm"));
        assertEquals(0, jvm.exitCode(), jvm.err());
        assertTrue(jvm.out().contains("from 3 images; 2 shards written, 0 already there; 1 failed"), jvm.out());
        assertTrue(jvm.err().contains("FAILED file:" + hr.resolve("notes.png")), jvm.err());

        CliRun again = dataset(hr, tmp.resolve("jvm"));
        assertTrue(again.out().contains("0 shards written, 2 already there"), again.out());

        CliRun spark = dataset(hr, tmp.resolve("spark"), "--spark", "--master", "local[1]");
        assertEquals(0, spark.exitCode(), spark.err());
        for (String shard : List.of("shard-00000.bin", "shard-00001.bin", "index.json")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("jvm").resolve(shard)),
                    Files.readAllBytes(tmp.resolve("spark").resolve(shard)), shard);
        }
        try (Stream<Path> files = Files.list(tmp.resolve("spark"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".crc")), "no Hadoop side files");
        }
    }

    @Test
    void dataAndHrAreExclusiveAndSparkNeedsHr() throws IOException {
        Path hr = hrFolder();
        CliRun both = CliRun.of("dataset", "--hr", hr.toString(), "--data", hr.toString(), "--output",
                tmp.resolve("x").toString());
        assertNotEquals(0, both.exitCode());
        assertTrue(both.err().contains("either --data"), both.err());
        CliRun sparkData = CliRun.of("dataset", "--data", hr.toString(), "--spark", "--output", tmp.resolve("y").toString());
        assertNotEquals(0, sparkData.exitCode());
        assertTrue(sparkData.err().contains("--hr only"), sparkData.err());
        CliRun labelData = CliRun.of("dataset", "--data", hr.toString(), "--label-with", "models/classsr-fsrcnn",
                "--output", tmp.resolve("z").toString());
        assertNotEquals(0, labelData.exitCode());
        assertTrue(labelData.err().contains("--hr only"), labelData.err());
        // The default 16-pixel test cut does not fit the model's 32-pixel LR tiles: refused before any shard.
        CliRun misfit = CliRun.of("dataset", "--hr", hr.toString(), "--label-with", "models/classsr-fsrcnn",
                "-Dclasssr.dataset.patch-size=64", "--output", tmp.resolve("w").toString());
        assertNotEquals(0, misfit.exitCode());
        assertTrue(misfit.err().contains("set classsr.dataset.patch-size to 128"), misfit.err());
        assertFalse(Files.exists(tmp.resolve("w").resolve("shard-00000.bin")), "no shard before the check");
    }
}
