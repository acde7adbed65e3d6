package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BilinearPathInitTest {

    private static final int W = 9;
    private static final int H = 7;

    /** Bilinear x4 with MATLAB's pixel-centre alignment, computed from coordinates. */
    private static double bilinear(float[] lr, int c, int hy, int hx) {
        double y = (hy + 0.5) / 4 - 0.5;
        double x = (hx + 0.5) / 4 - 0.5;
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        return (1 - fy) * ((1 - fx) * lr(lr, c, y0, x0) + fx * lr(lr, c, y0, x0 + 1))
                + fy * ((1 - fx) * lr(lr, c, y0 + 1, x0) + fx * lr(lr, c, y0 + 1, x0 + 1));
    }

    private static double lr(float[] lr, int c, int y, int x) {
        return lr[(c * H + y) * W + x];
    }

    @Test
    void untrainedNetworkOutputsBilinearUpscalingInsideTheImage() {
        FsrcnnNet.Spec spec = FsrcnnNet.builder().setChannels(8).optShrink(5).optMapping(2).spec();
        Block block = spec.toBlock();
        Random rng = new Random(5);
        float[] lr = new float[3 * H * W];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = rng.nextFloat();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NnTesting.init(block, manager, new Shape(1, 3, H, W));
            NDArray x = manager.create(lr, new Shape(1, 3, H, W));
            float[] before = NnTesting.forward(block, manager, x).toFloatArray();

            BilinearPathInit.apply(BlockParameters.parameters(block), spec);
            float[] out = NnTesting.forward(block, manager, x).toFloatArray();

            int checked = 0;
            double randomError = 0;
            for (int c = 0; c < 3; c++) {
                // Rows and columns whose bilinear neighbours are both inside the LR image.
                for (int hy = 2; hy < 4 * H - 2; hy++) {
                    for (int hx = 2; hx < 4 * W - 2; hx++) {
                        int i = (c * 4 * H + hy) * 4 * W + hx;
                        double expected = bilinear(lr, c, hy, hx);
                        assertEquals(expected, out[i], 1e-5, "c=" + c + " y=" + hy + " x=" + hx);
                        randomError = Math.max(randomError, Math.abs(before[i] - expected));
                        checked++;
                    }
                }
            }
            assertEquals(3 * (4 * H - 4) * (4 * W - 4), checked);
            assertTrue(randomError > 0.05, "the random start is not already bilinear: " + randomError);
        }
    }

    @Test
    void tapsSumToOneForEveryPhase() {
        for (int r = 0; r < 4; r++) {
            double sum = 0;
            for (int d = -1; d <= 1; d++) {
                sum += BilinearPathInit.tap(r, d);
            }
            assertEquals(1.0, sum, 1e-12, "phase " + r);
        }
        assertEquals(0.625, BilinearPathInit.tap(0, 0), 1e-12);
        assertEquals(0.375, BilinearPathInit.tap(0, -1), 1e-12);
        assertEquals(0.0, BilinearPathInit.tap(0, 1), 1e-12);
    }

    @Test
    void refusesOtherScalesAndTooNarrowLayers() {
        FsrcnnNet.Spec x2 = FsrcnnNet.builder().setChannels(8).optScale(2).spec();
        assertThrows(IllegalArgumentException.class, () -> BilinearPathInit.apply(java.util.Map.of(), x2));
        FsrcnnNet.Spec narrow = FsrcnnNet.builder().setChannels(8).optShrink(2).spec();
        assertThrows(IllegalArgumentException.class, () -> BilinearPathInit.apply(java.util.Map.of(), narrow));
    }
}
