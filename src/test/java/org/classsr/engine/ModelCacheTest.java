package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.classsr.model.ClassSrModel;
import org.classsr.model.LazyNetwork;
import org.classsr.model.ModelException;
import org.classsr.model.ModelSpec;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {

    @TempDir
    Path dir;

    @Test
    void loadsOncePerFolderAndAfreshWhenModelConfChanges() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 12);
        ClassSrModel first = ModelCache.get(folder);
        assertSame(first, ModelCache.get(folder));
        assertSame(first, ModelCache.get(dir.resolve("classsr/../classsr")), "same real path, same model");

        ModelSpec.read(folder).withProvenance(Map.of("note", "edited")).write(folder);
        assertNotSame(first, ModelCache.get(folder));
    }

    @Test
    void theDriverChecksEveryNetworkWithoutKeepingThemAndRefusesABrokenOne() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 13);
        ClassSrModel model = ModelCache.verified(folder);
        assertTrue(model.networks().stream().noneMatch(LazyNetwork::isLoaded),
                "verification must not load networks that executors in this JVM may never run");

        Path broken = TestModels.writeRandomPair(dir.resolve("broken"), 14);
        Files.write(broken.resolve("hard.safetensors"), new byte[] {1}, StandardOpenOption.APPEND);
        assertNotNull(ModelCache.get(broken), "an executor opens it: nothing is read yet");
        ModelException e = assertThrows(ModelException.class, () -> ModelCache.verified(broken));
        assertTrue(e.getMessage().contains("hard.safetensors") && e.getMessage().contains("SHA-256 mismatch"),
                e.getMessage());
    }

    @Test
    void aMissingFolderIsAClearError() {
        assertThrows(ModelException.class, () -> ModelCache.get(dir.resolve("absent")));
    }
}
