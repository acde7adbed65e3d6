package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.dataset.DatasetBuilder;
import org.classsr.dataset.DatasetListener;
import org.classsr.dataset.DatasetSettings;
import org.classsr.dataset.SampleDataset;
import org.classsr.image.DecodedImage;
import org.classsr.image.ImageCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PixelWeightingTest {

    private static final int N = 128;

    @Test
    void uniformHasNoWeights() {
        assertNull(PixelWeighting.UNIFORM.weights(N));
        assertNull(PixelWeighting.UNIFORM.weights(16));
    }

    @Test
    void featherFollowsTheEngineBlendWithMeanOne() {
        float[] w = PixelWeighting.FEATHER.weights(N);
        assertEquals(N * N, w.length);
        double sum = 0;
        for (float v : w) {
            sum += v;
        }
        assertEquals(1.0, sum / w.length, 1e-5);
        // axis profile: min(1, (i + 0.5) / 16, (128 - i - 0.5) / 16); its mean is (96 + 2 * 8) / 128 = 0.875
        double mean = 0.875;
        double interior = 1 / (mean * mean);
        assertEquals(interior, w[64 * N + 64], 1e-5);
        assertEquals(interior, w[16 * N + 111], 1e-5);
        assertEquals(0.5 / 16 * 0.5 / 16 / (mean * mean), w[0], 1e-7, "corner");
        assertEquals(8.5 / 16 / (mean * mean), w[64 * N + 8], 1e-6, "ramp, left edge");
        assertEquals(w[64 * N + 8], w[64 * N + (N - 1 - 8)], 1e-7, "symmetric left-right");
        assertEquals(w[8 * N + 64], w[64 * N + 8], 1e-7, "symmetric rows-columns");
        // a tile's ramp and its neighbour's (112 pixels on) add up to the interior weight: the blend
        for (int i = 112; i < N; i++) {
            assertEquals(interior, w[64 * N + i] + w[64 * N + (i - 112)], 1e-5, "overlap at " + i);
        }
    }

    @Test
    void featherNeedsTheEngineTile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PixelWeighting.FEATHER.weights(96));
        assertTrue(e.getMessage().contains("128x128"), e.getMessage());
    }

    @Test
    void parsesSettings() {
        assertEquals(PixelWeighting.FEATHER, PixelWeighting.parse("Feather"));
        assertEquals("uniform", PixelWeighting.UNIFORM.term());
        assertThrows(IllegalArgumentException.class, () -> PixelWeighting.parse("edges"));
    }

    @Test
    void weightedLossCountsEachPixelByItsWeight() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 1 sample, 2 channels, 1x2 pixels; pixel weights 1.5 and 0.5 (mean 1)
            NDArray out = m.create(new float[] {0.5f, 0.0f, 0.2f, 0.3f}, new Shape(1, 2, 1, 2));
            NDArray target = m.create(new float[] {0.1f, 0.2f, 0.2f, 0.0f}, new Shape(1, 2, 1, 2));
            float[] weights = {1.5f, 0.5f};
            // differences 0.4, -0.2 (channel 0) and 0, 0.3 (channel 1)
            assertEquals((1.5 * 0.4 + 0.5 * 0.2 + 1.5 * 0 + 0.5 * 0.3) / 4,
                    PixelLoss.L1.mean(out, target, weights).getFloat(), 1e-6);
            assertEquals(1.5 * 0.16 + 0.5 * 0.04 + 0.5 * 0.09, PixelLoss.L2.sum(out, target, weights).getFloat(), 1e-6);
        }
    }

    @Test
    void srObjectiveWeighsTheSubImageAsTheEngineBlendsIt(@TempDir Path tmp) throws IOException {
        // one noisy 192x160 training image cut into 128x128 sub-images (the engine's tile)
        Path images = tmp.resolve("data/images/gen");
        Files.createDirectories(images);
        ImageCodec.write(images.resolve("noise.png"), DecodedImage.of(TrainTestData.image("noise", 192, 160, 3)));
        Files.writeString(tmp.resolve("data/manifest.tsv"), "path\tsplit\twidth\theight\tbytes\tsha256\tpackage"
                + "\tpackage_version\tlicence\ngen/noise.png\ttrain\t192\t160\t0\t-\ttest\t0\tCC0\n");
        new DatasetBuilder(new DatasetSettings(N, 64, 4, 0, 7, 10), DatasetListener.SILENT).build(tmp.resolve("data"),
                tmp.resolve("ds"), "train");
        try (SampleDataset data = SampleDataset.open(tmp.resolve("ds")); Net net = Net.fsrcnn(4, 32, 1);
                NDManager m = NDManager.newBaseManager()) {
            BatchPlan plan = new BatchPlan(BatchPlan.all(data.size()), 1, 2, true);
            double feather = new SrObjective(net, data, plan, SrWatch.NONE, PixelLoss.L2, PixelWeighting.FEATHER)
                    .gradients(m, 0)[0];
            double uniform = new SrObjective(net, data, plan, SrWatch.NONE, PixelLoss.L2, PixelWeighting.UNIFORM)
                    .gradients(m, 0)[0];
            // by hand on the same augmented batch
            Batches.Pair b = Batches.load(data, plan.samples(0), plan.ops(0), m);
            float[] out = net.forward(b.lr(), false).toFloatArray();
            float[] hr = b.hr().toFloatArray();
            float[] w = PixelWeighting.FEATHER.weights(N);
            double weighted = 0;
            double plain = 0;
            for (int i = 0; i < out.length; i++) {
                double e = (out[i] - hr[i]) * (out[i] - hr[i]);
                weighted += w[i % (N * N)] * e;
                plain += e;
            }
            assertEquals(weighted / out.length, feather, 1e-6 + 1e-4 * feather);
            assertEquals(plain / out.length, uniform, 1e-6 + 1e-4 * uniform);
            assertTrue(Math.abs(feather - uniform) > 1e-3 * uniform, "feather " + feather + ", uniform " + uniform);
        }
    }
}
