package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.classsr.model.ClassSrModel;
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
    void aMissingFolderIsAClearError() {
        assertThrows(ModelException.class, () -> ModelCache.get(dir.resolve("absent")));
    }
}
