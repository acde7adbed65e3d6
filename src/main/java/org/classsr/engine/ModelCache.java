package org.classsr.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.ModelSpec;
import org.classsr.model.Sha256;

/**
 * The deliberate per-JVM model cache: a model folder is opened once per JVM (driver or executor)
 * and shared by all threads, keyed by its real path and the checksum of its model.conf, so an
 * edited model is opened afresh. Its networks load on first use ({@link org.classsr.model.LazyNetwork}),
 * so an executor holds only the networks its tasks ran, each loaded once. Models live as long as
 * the JVM.
 */
public final class ModelCache {

    private static final ConcurrentHashMap<String, ClassSrModel> MODELS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    /** The model with nothing loaded beyond what earlier callers used: for executors. */
    public static ClassSrModel get(Path folder) {
        String key;
        try {
            Path real = folder.toRealPath();
            key = real + "#" + Sha256.of(real.resolve(ModelSpec.FILE_NAME));
        } catch (IOException e) {
            // Let the loader produce its precise message (missing folder or model.conf).
            return ModelLoader.open(folder);
        }
        return MODELS.computeIfAbsent(key, k -> ModelLoader.open(folder));
    }

    /**
     * The model after every network's weights were checked ({@link ClassSrModel#verify()}): for a
     * driver or a command, so that a broken model fails before any work with one clear message.
     */
    public static ClassSrModel verified(Path folder) {
        ClassSrModel model = get(folder);
        model.verify();
        return model;
    }
}
