package org.classsr.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.classsr.engine.ModelCache;
import org.classsr.model.ClassSrModel;

/** The model on an executor: loaded once per JVM through {@link ModelCache}. */
final class Models {

    private Models() {
    }

    static ClassSrModel get(StageSettings s) {
        Path local = Path.of(s.modelFolder());
        if (Files.isDirectory(local) || s.shippedModel() == null) {
            return ModelCache.get(local);
        }
        return ModelCache.get(Path.of(SparkFiles.get(s.shippedModel())).getParent());
    }
}
