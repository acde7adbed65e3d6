package org.classsr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.model.TestModels;

/** Tiny images and hand-set models for the benchmark's tests. */
final class BenchTesting {

    private BenchTesting() {
    }

    /**
     * An RGB image whose left half is dark (about 0.2) and right half bright (about 0.8), with a
     * little texture so that the networks have something to do.
     */
    static FloatImage darkAndBright(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        FloatImage img = FloatImage.zeros(width, height, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float base = x < width / 2 ? 0.2f : 0.8f;
                    float texture = 0.05f * (float) Math.sin((x * (c + 1) + y * 0.7) * 0.3) + 0.02f * (float) random.nextGaussian();
                    img.set(c, x, y, Math.max(0f, Math.min(1f, base + texture)));
                }
            }
        }
        return img;
    }

    static Path writeImages(Path dir, int count, int width, int height) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            ImageCodec.write(dir.resolve("img" + i + ".png"), DecodedImage.of(darkAndBright(width, height, i)));
        }
        return dir;
    }

    /**
     * A ClassSR model (with its "-O" network beside it, {@code root/classsr} and {@code root/fsrcnn-o})
     * whose classifier routes by mean brightness: logits (5 - 10 M, 0, 10 M - 5) for a tile of mean
     * M, so dark tiles go to the simple branch and bright ones to the hard one. The branches keep
     * their random weights.
     */
    static Path brightnessRouted(Path root) throws IOException {
        TestModels.write(root.resolve("fsrcnn-o"), TestModels.originalSpec(), 5, b -> { });
        return TestModels.write(root.resolve("classsr"), TestModels.classSrSpec(), 6,
                blocks -> TestModels.setBrightnessClassifier(blocks.get("classifier")));
    }
}
