package org.classsr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.classsr.dataset.DatasetIndex;
import org.classsr.files.AtomicFiles;
import org.classsr.model.ModelSpec;
import org.classsr.model.NetworkEntry;

/**
 * Continues a training stage from shipped model folders instead of from scratch.
 *
 * <p>A work folder is machine-local and may be gone (a new machine, a new session), while the
 * model folders keep the trained weights and, in their provenance, the steps behind them. Seeding
 * a stage writes a checkpoint at that step holding those weights and a fresh Adam (no moments, no
 * updates), after recording its source in {@code continued-from.json}; the learning rate then
 * runs one new cosine period from that step to the stage's steps. The stage's recorded loss log
 * ({@code training/STAGE/loss.csv} in the ClassSR model folder) is copied, so the loss chart
 * shows the whole history.
 */
final class Continuation {

    static final String FILE_NAME = "continued-from.json";
    private static final String TRAINING_RECORD = "training";

    /**
     * A stage's trained network in a models folder.
     *
     * @param weights its weights file (checksum verified)
     * @param sha256  the weights' SHA-256
     * @param steps   the steps it was trained for
     * @param lossLog the recorded loss log, or null
     */
    record Source(Path weights, String sha256, long steps, Path lossLog) {
    }

    /** What {@code continued-from.json} holds. */
    record Record(String weights, String sha256, long steps) {
    }

    private Continuation() {
    }

    /**
     * Finds a stage's network in {@code models} (which holds {@code ARCH-o/} and
     * {@code classsr-ARCH/}, as 'package' writes them).
     *
     * @param stage          "original", "branches/simple" (medium, hard) or "classifier"
     * @param manifestSha256 the training dataset's manifest hash: the models must have been trained on it
     */
    static Source find(Path models, String arch, String stage, String manifestSha256) throws IOException {
        boolean original = stage.equals(TrainStage.ORIGINAL.key());
        Path folder = models.resolve(original ? SrFamily.originalFolder(arch) : SrFamily.classsrFolder(arch));
        ModelSpec spec = ModelSpec.read(folder);
        String network = stage.substring(stage.lastIndexOf('/') + 1);
        NetworkEntry entry = network.equals(TrainStage.CLASSIFIER.key()) ? spec.classifier()
                : spec.branches().stream().filter(b -> b.name().equals(network)).findFirst().orElse(null);
        if (entry == null) {
            throw new IllegalArgumentException(folder + " has no network '" + network + "' to continue from");
        }
        Object trainedOn = spec.provenance().get("dataset-manifest-sha256");
        if (!manifestSha256.equals(trainedOn)) {
            throw new IllegalArgumentException(folder + " was trained on the dataset of manifest " + trainedOn
                    + ", not on this one (" + manifestSha256 + "): continuing it here would mix datasets");
        }
        Object steps = spec.provenance().get("steps") instanceof Map<?, ?> m ? m.get(network) : null;
        if (!(steps instanceof Number n) || n.longValue() < 1) {
            throw new IllegalArgumentException(folder + ": provenance.steps." + network
                    + " is missing, so the step to continue from is unknown");
        }
        entry.weights().readVerified(folder, network);
        Path weights = folder.resolve(entry.weights().file());
        String sha = entry.weights().sha256().toLowerCase(Locale.ROOT);
        Path log = models.resolve(SrFamily.classsrFolder(arch)).resolve(TRAINING_RECORD).resolve(stage).resolve("loss.csv");
        return new Source(weights, sha, n.longValue(), Files.isRegularFile(log) ? log : null);
    }

    /** Loads the source's weights into {@code net} and writes the stage's first checkpoint from them. */
    static void seed(Path dir, Source source, Net net, int keepCheckpoints) throws IOException {
        net.load(source.weights());
        Files.createDirectories(dir);
        if (source.lossLog() != null) {
            Files.copy(source.lossLog(), dir.resolve("loss.csv"), StandardCopyOption.REPLACE_EXISTING);
        }
        // The record first: a checkpoint without it would resume on the wrong schedule.
        Record r = new Record(source.weights().toString(), source.sha256(), source.steps());
        AtomicFiles.write(dir.resolve(FILE_NAME), DatasetIndex.JSON.writeValueAsBytes(r));
        try (AdamOptimizer fresh = new AdamOptimizer(net.parameters())) {
            Checkpoints.save(dir, source.steps(), net.parameters(), fresh, null, keepCheckpoints);
        }
    }

    /** The continued-from record of a stage folder, or null for a stage trained from scratch. */
    static Record read(Path dir) throws IOException {
        Path f = dir.resolve(FILE_NAME);
        return Files.isRegularFile(f) ? DatasetIndex.JSON.readValue(f.toFile(), Record.class) : null;
    }

    /** The step a stage's learning-rate period starts from. */
    static long scheduleStart(Path dir) throws IOException {
        Record r = read(dir);
        return r == null ? 0 : r.steps();
    }
}
