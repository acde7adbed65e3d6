package org.classsr.dataset;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.ModelCache;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelSpec;
import org.classsr.spark.ShippedFolder;

/**
 * How sub-images are labelled ({@code classsr dataset --label-with MODEL}), serialisable for
 * Spark: the ClassSR model folder whose Class-Module gives the class, its "-O" model folder whose
 * network gives the PSNR-Y, the PSNR border, and the engine's batch sizes (with no run-time
 * class bias: only the model's own class-bias applies). Executors open both folders through the
 * per-JVM {@link ModelCache}: at the driver's paths, or, on a cluster, from the archives the job
 * shipped ({@link #shipped}).
 *
 * @param model    the ClassSR model folder (absolute)
 * @param original the "-O" model folder (absolute)
 * @param border   pixels cropped from each side of a sub-image before its PSNR-Y
 * @param engine   batch sizes of the networks; its class bias is always empty
 * @param labels   what the labels are made with, for the index (names, class-bias, weight checksums)
 * @param shippedModel    the model folder's archive name in the job ({@link ShippedFolder}), or null
 * @param shippedOriginal the "-O" folder's archive name, or null
 */
public record LabelSettings(String model, String original, int border, EngineSettings engine,
        DatasetIndex.Labels labels, String shippedModel, String shippedOriginal) implements Serializable {

    /**
     * Checks the model and finds its "-O" model: {@code original} when given, else the folder its
     * model.conf names ({@code original = "../fsrcnn-o"}), else the folder beside it named for its
     * architecture ({@code classsr-fsrcnn} -> {@code fsrcnn-o}).
     */
    public static LabelSettings of(Path model, Path original, int border, EngineSettings engine) {
        if (border < 0) {
            throw new IllegalArgumentException("label PSNR border must be >= 0, got " + border);
        }
        ClassSrModel m = ModelCache.verified(model);
        if (!m.routed()) {
            throw new IllegalArgumentException(model + " (model '" + m.spec().name() + "') has no Class-Module to label "
                    + "sub-images with; give a ClassSR model folder");
        }
        Path o = original != null ? original : m.originalFolder();
        if (o == null) {
            String base = model.toAbsolutePath().normalize().getFileName().toString().replaceFirst("^classsr-", "");
            o = model.toAbsolutePath().normalize().resolveSibling(base + "-o");
            if (!Files.isDirectory(o)) {
                throw new IllegalArgumentException("model '" + m.spec().name() + "' names no \"-O\" model (original = ...) "
                        + "and " + o + " does not exist; give --label-original DIR");
            }
        }
        ClassSrModel om = ModelCache.verified(o);
        if (om.branches().size() != 1 || om.routed()) {
            throw new IllegalArgumentException(o + " (model '" + om.spec().name() + "') is not a single \"-O\" network");
        }
        if (om.spec().scale() != m.spec().scale()) {
            throw new IllegalArgumentException("\"-O\" model '" + om.spec().name() + "' is x" + om.spec().scale()
                    + ", model '" + m.spec().name() + "' x" + m.spec().scale());
        }
        ModelSpec s = m.spec();
        List<Double> bias = new ArrayList<>();
        for (int k = 0; k < s.classNames().size(); k++) {
            bias.add(s.bias(k));
        }
        DatasetIndex.Labels labels = new DatasetIndex.Labels(s.name(), s.classNames(), bias,
                s.classifier().weights().sha256(), om.spec().name(), om.spec().branches().get(0).weights().sha256(),
                border, null);
        return new LabelSettings(model.toAbsolutePath().normalize().toString(), o.toAbsolutePath().normalize().toString(),
                border, engine.withClassBias(new double[0]), labels, null, null);
    }

    /**
     * Ships both folders to the job's executors as archives ({@link ShippedFolder}), for a cluster
     * whose nodes do not see the driver's paths; the returned settings make executors open the
     * shipped copies.
     */
    public LabelSettings shipped(JavaSparkContext sc) throws IOException {
        return new LabelSettings(model, original, border, engine, labels,
                ShippedFolder.ship(sc, Path.of(model), "classsr-labels"),
                ShippedFolder.ship(sc, Path.of(original), "classsr-labels-o"));
    }

    /** The ClassSR model folder in this JVM. */
    Path modelFolder() {
        return ShippedFolder.resolve(model, shippedModel);
    }

    /** The "-O" model folder in this JVM. */
    Path originalFolder() {
        return ShippedFolder.resolve(original, shippedOriginal);
    }

    /** Checks that sub-images of these cutting settings are what the model's networks take: LR side = tile side, same scale. */
    void checkFits(int patchSize, int scale) {
        ClassSrModel m = ModelCache.get(modelFolder());
        int lr = patchSize / scale;
        if (m.spec().scale() != scale || m.spec().tileSize() != lr) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "model '%s' takes %dx%d LR tiles at x%d; "
                    + "the sub-images are %dx%d LR at x%d (set classsr.dataset.patch-size to %d)", m.spec().name(),
                    m.spec().tileSize(), m.spec().tileSize(), m.spec().scale(), lr, lr, scale,
                    m.spec().tileSize() * m.spec().scale()));
        }
    }

    /** Identifies the labels in each shard's record: a rerun with another model, bias or border redoes the shards. */
    String key() {
        return "labels=" + labels.classifierSha256() + ",bias=" + labels.classBias() + ",o=" + labels.originalSha256()
                + ",border=" + border;
    }
}
