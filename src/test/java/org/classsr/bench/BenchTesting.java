package org.classsr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import java.util.List;
import java.util.Map;
import org.classsr.model.ModelSpec;
import org.classsr.model.NetworkEntry;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;
import org.classsr.model.TestModels;
import org.classsr.model.WeightsFile;

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

    /** The brightness-routed model, its "-O" network and two 256x128 dark-and-bright HR images, under {@code dir}. */
    record BrightnessBench(Path folder, org.classsr.model.ClassSrModel classsr, org.classsr.model.ClassSrModel original,
            List<Path> files) {
    }

    static BrightnessBench brightnessBench(Path dir) throws IOException {
        Path folder = brightnessRouted(dir.resolve("models"));
        Path hr = writeImages(dir.resolve("hr"), 2, 256, 128);
        org.classsr.model.ClassSrModel classsr = org.classsr.engine.ModelCache.get(folder);
        try (var list = Files.list(hr)) {
            return new BrightnessBench(folder, classsr, org.classsr.engine.ModelCache.get(classsr.originalFolder()),
                    list.sorted().toList());
        }
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

    /**
     * A tiny ClassSR-SRResNet (nf 4 / 6 / 8, one residual block, a narrow classifier) and its
     * SRResNet-O (nf 8) with random weights, written through ModelWriter as init-model writes the
     * full-width ones: {@code root/classsr-srresnet} and {@code root/srresnet-o}.
     */
    static Path tinySrResNetPair(Path root) throws IOException {
        ModelSpec original = new ModelSpec("srresnet-o-tiny", 4, 32, 28, List.of("all"), null,
                List.of(srresnet("original", 8)), null, List.of(), Map.of("trained-with", "untrained, for timing only"));
        NetworkEntry classifier = new NetworkEntry("classifier",
                new NetworkSpec(NetworkRegistry.CLASSIFIER, Map.of("width", 8, "features", 4, "classes", 3)),
                new WeightsFile("classifier.safetensors", ""));
        ModelSpec classsr = new ModelSpec("classsr-srresnet-tiny", 4, 32, 28, TestModels.CLASSES, classifier,
                List.of(srresnet("simple", 4), srresnet("medium", 6), srresnet("hard", 8)), "../srresnet-o", List.of(),
                Map.of("trained-with", "untrained, for timing only"));
        TestModels.write(root.resolve("srresnet-o"), original, 8, b -> { });
        return TestModels.write(root.resolve("classsr-srresnet"), classsr, 9, b -> { });
    }

    private static NetworkEntry srresnet(String name, int channels) {
        return new NetworkEntry(name, new NetworkSpec(NetworkRegistry.SRRESNET, Map.of("channels", channels, "blocks", 1)),
                new WeightsFile(name + ".safetensors", ""));
    }
}
