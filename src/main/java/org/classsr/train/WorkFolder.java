package org.classsr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training work folder's layout, in one place:
 *
 * <pre>
 * original/             the "-O" network (e.g. FSRCNN-O): checkpoints, loss.csv, loss.png, weights.safetensors, done.json
 * divide/               scores.csv, thresholds.json, histogram.csv, histogram.png, done.json
 * branches/{simple,medium,hard}/   as original
 * classifier/           as original, loss.csv with class fractions
 * finetune/             optional: checkpoints, loss.csv, {simple,medium,hard}.safetensors, done.json
 * package/              done.json of the last packaging
 * </pre>
 */
record WorkFolder(Path root) {

    /** A stage's trained weights, in its folder. */
    static final String WEIGHTS = "weights.safetensors";

    Path stage(TrainStage stage) {
        return root.resolve(stage.key());
    }

    /** The folder of class {@code cls}'s branch. */
    Path branch(int cls) {
        return stage(TrainStage.BRANCHES).resolve(Division.NAMES.get(cls));
    }

    /** A finished stage's weights (not for branches: {@link #branchWeights}). */
    Path weights(TrainStage stage) {
        return require(stage(stage).resolve(WEIGHTS), stage);
    }

    Path branchWeights(int cls) {
        return require(branch(cls).resolve(WEIGHTS), TrainStage.BRANCHES);
    }

    /** Where the fine-tuning saves branch {@code cls}. */
    Path finetunedWeights(int cls) {
        return stage(TrainStage.FINETUNE).resolve(Division.NAMES.get(cls) + ".safetensors");
    }

    /** The folder of a stage that has finished (has its record). */
    Path requireDone(TrainStage stage) throws IOException {
        Path dir = stage(stage);
        if (StageRecord.read(dir) == null) {
            throw new IllegalArgumentException(dir + " has no finished '" + stage + "' stage: run it first");
        }
        return dir;
    }

    private static Path require(Path weights, TrainStage stage) {
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException(weights + " not found: run the '" + stage + "' stage first");
        }
        return weights;
    }
}
