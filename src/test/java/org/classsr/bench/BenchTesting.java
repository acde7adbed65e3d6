package org.classsr.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.model.TestModels;
import org.classsr.nn.BlockParameters;

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
     * their random weights. (The idea of the engine tests' EngineTestModels.)
     */
    static Path brightnessRouted(Path root) throws IOException {
        TestModels.write(root.resolve("fsrcnn-o"), TestModels.originalSpec(), 5, b -> { });
        return TestModels.write(root.resolve("classsr"), TestModels.classSrSpec(), 6,
                blocks -> setBrightnessClassifier(blocks.get("classifier")));
    }

    private static void setBrightnessClassifier(Block classifier) {
        List<Parameter> convWeights = new ArrayList<>();
        Parameter linearWeight = null;
        Parameter linearBias = null;
        for (Map.Entry<String, Parameter> e : BlockParameters.parameters(classifier).entrySet()) {
            NDArray a = e.getValue().getArray();
            a.set(new float[(int) a.size()]);
            if (e.getKey().contains("Conv2d_weight")) {
                convWeights.add(e.getValue());
            } else if (e.getKey().contains("Linear_weight")) {
                linearWeight = e.getValue();
            } else if (e.getKey().contains("Linear_bias")) {
                linearBias = e.getValue();
            }
        }
        NDArray first = convWeights.get(0).getArray(); // (128, 3, 4, 4): output 0 = mean of the 4x4x3 patch
        float[] w = new float[(int) first.size()];
        java.util.Arrays.fill(w, 0, 48, 1f / 48);
        first.set(w);
        for (int i = 1; i < convWeights.size(); i++) { // 1x1 convs pass channel 0 through
            NDArray a = convWeights.get(i).getArray();
            float[] v = new float[(int) a.size()];
            v[0] = 1f;
            a.set(v);
        }
        float[] lw = new float[3 * 32];
        lw[0] = -10f;
        lw[2 * 32] = 10f;
        linearWeight.getArray().set(lw);
        linearBias.getArray().set(new float[] {5f, 0f, -5f});
    }
}
