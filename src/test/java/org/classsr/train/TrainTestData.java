package org.classsr.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.classsr.dataset.DatasetBuilder;
import org.classsr.dataset.DatasetListener;
import org.classsr.dataset.DatasetSettings;
import org.classsr.dataset.DatasetTestData;
import org.classsr.image.FloatImage;

/** Tiny generated data folders and settings for the training tests. */
final class TrainTestData {

    static final DatasetSettings DATASET = DatasetTestData.DATASET;

    private TrainTestData() {
    }

    /** See {@link DatasetTestData#dataFolder}. */
    static Path dataFolder(Path root) throws IOException {
        return DatasetTestData.dataFolder(root);
    }

    /** Builds the {@code split} dataset of a {@link #dataFolder} into {@code output}; returns it. */
    static Path dataset(Path data, Path output, String split) throws IOException {
        new DatasetBuilder(DATASET, DatasetListener.SILENT).build(data, output, split);
        return output;
    }

    static FloatImage image(String kind, int w, int h, long seed) {
        return DatasetTestData.image(kind, w, h, seed);
    }

    /** A random image on the 8-bit grid. */
    static FloatImage random(int w, int h, long seed) {
        return image("noise", w, h, seed);
    }

    /** Settings with tiny widths and few steps. */
    static TrainSettings settings(long steps) {
        return new TrainSettings(3, 5, 2,
                new TrainSettings.Sr(8, steps, 8, 1e-3, 0.1),
                new TrainSettings.Divide(0, 16),
                new TrainSettings.Branches(List.of(4, 6, 8), steps, 8, 1e-3, 0.1, true),
                new TrainSettings.Classifier(steps, 12, 2e-4, 0.1, Math.min(5, steps / 2), 1000, 0.5, 3, 0, true,
                        5, 32, 8, 4),
                new TrainSettings.Finetune(0, 8, 1e-3, 0.1, 0.65, List.of()),
                new TrainSettings.Packaging("models", 16), TrainSettings.Init.XAVIER);
    }
}
