package org.classsr.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.engine.ModelCache;
import org.classsr.model.ClassSrModel;

/**
 * The model on an executor: opened once per JVM through {@link ModelCache}, nothing loaded; a task
 * loads only the networks it runs (a classify task the classifier, a branch task its branch).
 */
final class Models {

    private Models() {
    }

    static ClassSrModel get(StageSettings s) {
        Path local = Path.of(s.modelFolder());
        if (Files.isDirectory(local) || s.shippedModel() == null) {
            return ModelCache.get(local);
        }
        return ModelCache.get(ShippedFolder.resolve(s.modelFolder(), s.shippedModel()));
    }
}
