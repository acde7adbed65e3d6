package org.classsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsWhatWasWrittenWithCostsPerTile() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 7);
        try (ClassSrModel model = ModelLoader.load(folder)) {
            assertTrue(model.routed());
            assertEquals(3, model.branches().size());
            assertEquals(List.of("simple", "medium", "hard"), model.spec().classNames());
            assertEquals(dir.resolve("fsrcnn-o").normalize(), model.originalFolder());
            // Paper-convention FLOPs reproduce the published FSRCNN numbers per 32x32 tile.
            assertEquals(141.3e6, 2.0 * model.branches().get(0).paperMacs(), 0.5e6);
            assertEquals(304.6e6, 2.0 * model.branches().get(1).paperMacs(), 0.5e6);
            assertEquals(467.9e6, 2.0 * model.branches().get(2).paperMacs(), 0.5e6);
            assertEquals(3_801_184L, model.classifier().executedMacs());
            assertEquals(35_758_080L, model.branches().get(2).executedMacs());
        }
        try (ClassSrModel original = ModelLoader.load(dir.resolve("fsrcnn-o"))) {
            assertNull(original.classifier());
            assertEquals(1, original.branches().size());
        }
    }

    @Test
    void specSurvivesRenderAndRead() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 1);
        ModelSpec spec = ModelSpec.read(folder);
        assertEquals(3, spec.branches().size());
        assertEquals(64, spec.classifier().weights().sha256().length());
        assertEquals(spec, ModelSpec.fromConfig(com.typesafe.config.ConfigFactory.parseString(spec.render())));
    }

    @Test
    void refusesAFolderWithoutWeightsNamingTheMissingFiles() throws IOException {
        TestModels.classSrSpec().write(dir);
        ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(dir));
        assertTrue(e.getMessage().contains("no trained weights"), e.getMessage());
        assertTrue(e.getMessage().contains("classifier.safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("hard.safetensors"), e.getMessage());
    }

    @Test
    void detectsAChangedWeightFile() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 2);
        Files.write(folder.resolve("medium.safetensors"), new byte[] {1}, StandardOpenOption.APPEND);
        ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(folder));
        assertTrue(e.getMessage().contains("medium.safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    }

    @Test
    void detectsWeightsOfTheWrongShapeNamingFileAndParameter() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 3);
        // Swap the medium branch's weights for the simple branch's (d=16 instead of 36), with a valid checksum.
        Files.copy(folder.resolve("simple.safetensors"), folder.resolve("medium.safetensors"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelSpec spec = ModelSpec.read(folder);
        spec.withChecksums(Map.of("medium", Sha256.of(folder.resolve("medium.safetensors")))).write(folder);
        ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(folder));
        assertTrue(e.getMessage().contains("medium.safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("01Conv2d_weight"), e.getMessage());
    }

    @Test
    void refusesGarbageWeightsAndUnknownArchitectures() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 4);
        Files.write(folder.resolve("hard.safetensors"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        ModelSpec.read(folder).withChecksums(Map.of("hard", Sha256.of(folder.resolve("hard.safetensors"))))
                .write(folder);
        ModelException garbage = assertThrows(ModelException.class, () -> ModelLoader.load(folder));
        assertTrue(garbage.getMessage().contains("hard.safetensors"), garbage.getMessage());

        ModelException unknown = assertThrows(ModelException.class, () -> NetworkRegistry.factory("rcan-9000"));
        assertTrue(unknown.getMessage().contains("rcan-9000") && unknown.getMessage().contains("fsrcnn"));
    }

    @Test
    void missingModelConfIsNamed() {
        ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("model.conf"), e.getMessage());
    }

    @Test
    void specValidation() {
        assertThrows(ModelException.class, () -> new ModelSpec("x", 4, 32, 40, List.of("a"), null,
                List.of(TestModels.branch("a", 16)), null, null, null));
        assertThrows(ModelException.class, () -> new ModelSpec("x", 4, 32, 28, List.of("a", "b"), null,
                List.of(TestModels.branch("a", 16), TestModels.branch("b", 16)), null, null, null));
        assertNotNull(new ModelSpec("x", 4, 32, 28, List.of("a"), null, List.of(TestModels.branch("a", 16)),
                null, null, null));
    }
}
