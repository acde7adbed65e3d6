package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.util.Map;
import java.util.Random;
import org.classsr.TestArrays;
import org.junit.jupiter.api.Test;

class SubPixelConverterTest {

    private static final int D = 5;
    private static final int COLORS = 3;
    private static final int H = 7;
    private static final int W = 6;

    /**
     * ConvTranspose2d(d, colors, 9, stride 4, padding 3, output_padding 1) straight from its
     * definition: each input pixel scatters its 9x9 kernel onto the output at 4y + ky - 3.
     */
    static float[] transposedConv(float[] in, int d, int h, int w, float[] weight, float[] bias, int colors) {
        int oh = 4 * h;
        int ow = 4 * w;
        float[] out = new float[colors * oh * ow];
        for (int o = 0; o < colors; o++) {
            for (int i = 0; i < oh * ow; i++) {
                out[o * oh * ow + i] = bias[o];
            }
        }
        for (int c = 0; c < d; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = in[(c * h + y) * w + x];
                    for (int o = 0; o < colors; o++) {
                        for (int ky = 0; ky < 9; ky++) {
                            int oy = 4 * y + ky - 3;
                            if (oy < 0 || oy >= oh) {
                                continue;
                            }
                            for (int kx = 0; kx < 9; kx++) {
                                int ox = 4 * x + kx - 3;
                                if (ox < 0 || ox >= ow) {
                                    continue;
                                }
                                out[(o * oh + oy) * ow + ox] +=
                                        v * weight[((c * colors + o) * 9 + ky) * 9 + kx];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Conv3x3 (pad 1) to colors*16 channels, then pixel shuffle by 4, in plain Java. */
    static float[] subPixel(float[] in, int d, int h, int w, float[] weight, float[] bias, int colors) {
        float[] conv = ReferenceOps.conv(in, d, h, w, weight, bias, colors * 16, 3, 1, 1);
        return ReferenceOps.pixelShuffle(conv, colors * 16, h, w, 4);
    }

    @Test
    void subPixelFormEqualsTransposedConvolution() {
        Random rng = new Random(20210601L);
        float[] deconvW = NnTesting.random(rng, D * COLORS * 81);
        float[] deconvB = NnTesting.random(rng, COLORS);
        float[] in = NnTesting.random(rng, D * H * W);
        float[] reference = transposedConv(in, D, H, W, deconvW, deconvB, COLORS);

        SubPixelConverter.SubPixelWeights sp =
                SubPixelConverter.convert(deconvW, new long[] {D, COLORS, 9, 9}, deconvB);
        assertArrayEquals(new long[] {COLORS * 16, D, 3, 3}, sp.weightShape());
        assertArrayEquals(new long[] {COLORS * 16}, sp.biasShape());

        // (a) plain Java conv3x3 + pixel shuffle
        float[] plain = subPixel(in, D, H, W, sp.weight(), sp.bias(), COLORS);
        float diffPlain = TestArrays.maxAbsDiff(reference, plain);
        assertTrue(diffPlain < 1e-4f, "plain sub-pixel differs from the deconvolution by " + diffPlain);

        // (b) DJL: Conv2d(3x3, pad 1) + PixelShuffleBlock(4) with the converted weights
        SequentialBlock tail = new SequentialBlock();
        tail.add(FsrcnnNet.conv(COLORS * 16, 3)).add(new PixelShuffleBlock(4));
        try (NDManager manager = NDManager.newBaseManager()) {
            NnTesting.init(tail, manager, new Shape(1, D, H, W));
            Map<String, Parameter> params = BlockParameters.parameters(tail);
            params.get("01Conv2d_weight").getArray().set(sp.weight());
            params.get("01Conv2d_bias").getArray().set(sp.bias());
            NDArray x = manager.create(in, new Shape(1, D, H, W));
            NDArray y = NnTesting.forward(tail, manager, x);
            assertArrayEquals(new long[] {1, COLORS, 4 * H, 4 * W}, y.getShape().getShape());
            float diffDjl = TestArrays.maxAbsDiff(reference, y.toFloatArray());
            assertTrue(diffDjl < 1e-4f, "DJL sub-pixel tail differs from the deconvolution by " + diffDjl);
        }
    }

    @Test
    void rejectsBadShapes() {
        float[] w = new float[2 * 3 * 81];
        float[] b = new float[3];
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SubPixelConverter.convert(w, new long[] {2, 3, 7, 7}, b));
        assertTrue(e.getMessage().contains("[d, colors, 9, 9]"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SubPixelConverter.convert(w, new long[] {3, 3, 9, 9}, b));
        assertTrue(e.getMessage().contains("needs 729"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SubPixelConverter.convert(w, new long[] {2, 3, 9, 9}, new float[4]));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
    }
}
