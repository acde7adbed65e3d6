package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.ModelSpec;
import org.classsr.model.UntrainedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classsr init-model}: folders the loader accepts, for every architecture, at full width. */
class InitModelCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyArchitectureGivesAFolderTheLoaderAccepts() {
        for (String arch : UntrainedModels.archs()) {
            boolean classsr = arch.startsWith("classsr-");
            String family = classsr ? arch.substring("classsr-".length()) : arch;
            Path folder = dir.resolve(classsr ? arch : family + "-o");
            CliRun run = classsr
                    ? CliRun.of("init-model", "--arch", arch, "--output", folder.toString(), "--original", "../" + family + "-o")
                    : CliRun.of("init-model", "--arch", arch, "--output", folder.toString(), "--seed", "7");
            assertEquals(0, run.exitCode(), arch + ": " + run.err());
            assertTrue(run.out().contains("untrained, for timing only"), run.out());
            try (ClassSrModel model = ModelLoader.load(folder)) {
                assertEquals(classsr, model.routed(), arch);
                assertEquals(classsr ? 3 : 1, model.branches().size(), arch);
                assertEquals(family, model.branches().get(0).entry().spec().arch(), arch);
                assertEquals("untrained, for timing only", model.spec().provenance().get("trained-with"));
                if (classsr) {
                    // The -O folder was written first, so bench can pair them.
                    assertEquals(dir.resolve(family + "-o").normalize(), model.originalFolder());
                } else {
                    assertNull(model.originalFolder());
                    assertEquals(7, ((Number) model.spec().provenance().get("seed")).intValue());
                }
            }
        }
    }

    @Test
    void theSeedFixesTheWeights() {
        assertEquals(0, CliRun.of("init-model", "--arch", "classsr-fsrcnn", "--output", dir.resolve("a").toString(),
                "--seed", "3").exitCode());
        assertEquals(0, CliRun.of("init-model", "--arch", "classsr-fsrcnn", "--output", dir.resolve("b").toString(),
                "--seed", "3").exitCode());
        assertEquals(0, CliRun.of("init-model", "--arch", "classsr-fsrcnn", "--output", dir.resolve("c").toString(),
                "--seed", "4").exitCode());
        List<String> a = checksums(dir.resolve("a"));
        assertEquals(a, checksums(dir.resolve("b")), "same seed, same weights");
        List<String> c = checksums(dir.resolve("c"));
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.get(i), c.get(i), "another seed, other weights (network " + i + ")");
        }
    }

    @Test
    void refusesToOverwriteAModelAndBadArguments() {
        Path folder = dir.resolve("m");
        assertEquals(0, CliRun.of("init-model", "--arch", "fsrcnn", "--output", folder.toString()).exitCode());
        CliRun again = CliRun.of("init-model", "--arch", "fsrcnn", "--output", folder.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already holds a model") && again.err().contains("--force"), again.err());
        assertEquals(0, CliRun.of("init-model", "--arch", "fsrcnn", "--output", folder.toString(), "--force").exitCode());

        CliRun unknown = CliRun.of("init-model", "--arch", "edsr", "--output", dir.resolve("x").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown architecture 'edsr'"), unknown.err());
        CliRun original = CliRun.of("init-model", "--arch", "carn", "--output", dir.resolve("y").toString(),
                "--original", "../z");
        assertEquals(2, original.exitCode());
        assertTrue(original.err().contains("--original is for the classsr-*"), original.err());
    }

    private static List<String> checksums(Path folder) {
        return ModelSpec.read(folder).networks().stream().map(e -> e.weights().sha256()).toList();
    }
}
