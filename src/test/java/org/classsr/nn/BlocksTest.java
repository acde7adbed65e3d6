package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlocksTest {

    @Test
    void preluMatchesHandValues() {
        PreluBlock prelu = new PreluBlock();
        try (NDManager manager = NDManager.newBaseManager()) {
            NnTesting.init(prelu, manager, new Shape(1, 2, 1, 3));
            NDArray alpha = prelu.getParameters().get("alpha").getArray();
            assertArrayEquals(new long[] {2}, alpha.getShape().getShape());
            assertArrayEquals(new float[] {0.25f, 0.25f}, alpha.toFloatArray());

            NDArray x = manager.create(new float[] {-2f, 0f, 3f, -1f, 4f, -0.5f}, new Shape(1, 2, 1, 3));
            assertArrayEquals(
                    new float[] {-0.5f, 0f, 3f, -0.25f, 4f, -0.125f},
                    NnTesting.forward(prelu, manager, x).toFloatArray(),
                    1e-7f);

            alpha.set(new float[] {0.1f, 0.5f});
            NDArray y = NnTesting.forward(prelu, manager, x);
            assertArrayEquals(new long[] {1, 2, 1, 3}, y.getShape().getShape());
            assertArrayEquals(new float[] {-0.2f, 0f, 3f, -0.5f, 4f, -0.25f}, y.toFloatArray(), 1e-7f);
        }
    }

    @Test
    void preluRejectsWrongChannelCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> NnTesting.init(new PreluBlock(4), manager, new Shape(1, 3, 2, 2)));
        }
    }

    @Test
    void pixelShuffleSmallestCaseByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // channels a, b, c, d of one pixel become the 2x2 block [[a, b], [c, d]]
            NDArray x = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(1, 4, 1, 1));
            NDArray y = PixelShuffleBlock.pixelShuffle(x, 2);
            assertArrayEquals(new long[] {1, 1, 2, 2}, y.getShape().getShape());
            assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, y.toFloatArray());
        }
    }

    @Test
    void pixelShuffleFollowsPyTorchChannelOrder() {
        int n = 2;
        int c = 2;
        int r = 3;
        int h = 2;
        int w = 4;
        int cin = c * r * r;
        float[] in = new float[n * cin * h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = i;
        }
        float[] expected = new float[in.length];
        int oh = h * r;
        int ow = w * r;
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < r; j++) {
                        for (int y = 0; y < h; y++) {
                            for (int x = 0; x < w; x++) {
                                int src = ((b * cin + ch * r * r + i * r + j) * h + y) * w + x;
                                int dst = ((b * c + ch) * oh + y * r + i) * ow + x * r + j;
                                expected[dst] = in[src];
                            }
                        }
                    }
                }
            }
        }
        PixelShuffleBlock shuffle = new PixelShuffleBlock(r);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape inShape = new Shape(n, cin, h, w);
            NnTesting.init(shuffle, manager, inShape);
            NDArray y = NnTesting.forward(shuffle, manager, manager.create(in, inShape));
            assertEquals(new Shape(n, c, oh, ow), y.getShape());
            assertEquals(y.getShape(), shuffle.getOutputShapes(new Shape[] {inShape})[0]);
            assertArrayEquals(expected, y.toFloatArray());
        }
    }

    @Test
    void pixelShuffleRejectsChannelsNotMultipleOfSquare() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new PixelShuffleBlock(2).getOutputShapes(new Shape[] {new Shape(1, 6, 2, 2)}));
        assertThrows(IllegalArgumentException.class, () -> new PixelShuffleBlock(0));
    }

    /** Gives every parameter seeded values in [-0.5, 0.5) and returns them by name. */
    private static Map<String, float[]> randomParameters(Block net, NDManager manager, long seed) {
        Random rng = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : BlockParameters.parameters(net).entrySet()) {
            NDArray target = e.getValue().getArray();
            float[] v = NnTesting.random(rng, Math.toIntExact(target.size()));
            for (int i = 0; i < v.length; i++) {
                v[i] *= 0.5f;
            }
            BlockParameters.assign(target, manager.create(v, target.getShape()));
            values.put(e.getKey(), v);
        }
        return values;
    }

    @Test
    void tinyFsrcnnMatchesAHandComputation() {
        // d = 4, s = 3, m = 1, x2, one colour: every FSRCNN layer kind once.
        Block net = FsrcnnNet.builder().setChannels(4).optShrink(3).optMapping(1).optScale(2).optColors(1).build();
        int h = 5;
        int w = 7;
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 1, h, w);
            NnTesting.init(net, manager, in);
            Map<String, float[]> p = randomParameters(net, manager, 11);
            float[] x = NnTesting.random(new Random(3), h * w);

            // The layers as FsrcnnNet's javadoc lists them, by their BlockParameters names.
            float[] t = ReferenceOps.conv(x, 1, h, w, p.get("01Conv2d_weight"), p.get("01Conv2d_bias"), 4, 5, 1, 2);
            t = ReferenceOps.prelu(t, 4, p.get("02PreluBlock_alpha"));
            t = ReferenceOps.conv(t, 4, h, w, p.get("03Conv2d_weight"), p.get("03Conv2d_bias"), 3, 1, 1, 0);
            t = ReferenceOps.prelu(t, 3, p.get("04PreluBlock_alpha"));
            t = ReferenceOps.conv(t, 3, h, w, p.get("05Conv2d_weight"), p.get("05Conv2d_bias"), 3, 3, 1, 1);
            t = ReferenceOps.prelu(t, 3, p.get("06PreluBlock_alpha"));
            t = ReferenceOps.conv(t, 3, h, w, p.get("07Conv2d_weight"), p.get("07Conv2d_bias"), 4, 1, 1, 0);
            t = ReferenceOps.prelu(t, 4, p.get("08PreluBlock_alpha"));
            t = ReferenceOps.conv(t, 4, h, w, p.get("09Conv2d_weight"), p.get("09Conv2d_bias"), 4, 3, 1, 1);
            float[] expected = ReferenceOps.pixelShuffle(t, 4, h, w, 2);

            NDArray y = NnTesting.forward(net, manager, manager.create(x, in));
            assertEquals(new Shape(1, 1, 2 * h, 2 * w), y.getShape());
            assertEquals(y.getShape(), net.getOutputShapes(new Shape[] {in})[0]);
            assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void defaultFsrcnnGivesFourTimesTheInput() {
        Block net = FsrcnnNet.builder().setChannels(4).optShrink(3).optMapping(1).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(2, 3, 8, 8);
            NnTesting.init(net, manager, in);
            assertEquals(new Shape(2, 3, 32, 32), net.getOutputShapes(new Shape[] {in})[0]);
        }
    }

    @Test
    void fsrcnnBuilderChecksItsSettings() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FsrcnnNet.builder().build());
        assertEquals("FSRCNN channels (d) must be set", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FsrcnnNet.builder().setChannels(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> FsrcnnNet.builder().setChannels(8).optScale(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> ClassifierNet.builder().optClasses(0).build());
    }

    @Test
    void classifierMatchesAHandComputation() {
        int width = 6;
        int features = 5;
        Block net = ClassifierNet.builder().optWidth(width).optFeatures(features).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 3, 12, 8);
            NnTesting.init(net, manager, in);
            Map<String, float[]> p = randomParameters(net, manager, 5);
            float[] x = NnTesting.random(new Random(9), 3 * 12 * 8);

            // 4x4 stride-4 patchify, three 1x1 layers, 1x1 to features, all LeakyReLU(0.1) but
            // the last; mean over the 3x2 positions; then the linear layer.
            float slope = ClassifierNet.LEAKY_SLOPE;
            float[] t = ReferenceOps.leaky(
                    ReferenceOps.conv(x, 3, 12, 8, p.get("01Conv2d_weight"), p.get("01Conv2d_bias"), width, 4, 4, 0), slope);
            for (String layer : List.of("03Conv2d", "05Conv2d", "07Conv2d")) {
                t = ReferenceOps.leaky(ReferenceOps.conv(t, width, 3, 2, p.get(layer + "_weight"), p.get(layer + "_bias"),
                        width, 1, 1, 0), slope);
            }
            t = ReferenceOps.conv(t, width, 3, 2, p.get("09Conv2d_weight"), p.get("09Conv2d_bias"), features, 1, 1, 0);
            float[] expected = ReferenceOps.linear(ReferenceOps.globalAverage(t, features),
                    p.get("11Linear_weight"), p.get("11Linear_bias"));

            NDArray y = NnTesting.forward(net, manager, manager.create(x, in));
            assertEquals(new Shape(1, 3), y.getShape());
            assertEquals(y.getShape(), net.getOutputShapes(new Shape[] {in})[0]);
            assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
        }
    }

    /**
     * 1x1 convolutions + per-channel PReLU + pixel shuffle act on each LR pixel alone: the 4x4 HR
     * block of a pixel is the same whether the pixel is run with its image or alone.
     */
    @Test
    void pointwiseNetworkActsPerPixel() {
        SequentialBlock net = new SequentialBlock();
        net.add(FsrcnnNet.conv(8, 1)).add(new PreluBlock()).add(FsrcnnNet.conv(48, 1)).add(new PixelShuffleBlock(4));
        int h = 5;
        int w = 4;
        try (NDManager manager = NDManager.newBaseManager()) {
            NnTesting.init(net, manager, new Shape(1, 3, h, w));
            NDArray x = manager.create(NnTesting.random(new Random(7), 3 * h * w), new Shape(1, 3, h, w));
            NDArray full = NnTesting.forward(net, manager, x);
            for (int q = 0; q < h; q++) {
                for (int p = 0; p < w; p++) {
                    NDArray alone =
                            NnTesting.forward(
                                    net, manager, x.get(new NDIndex(":, :, {}:{}, {}:{}", q, q + 1, p, p + 1)));
                    NDArray block =
                            full.get(new NDIndex(":, :, {}:{}, {}:{}", 4 * q, 4 * q + 4, 4 * p, 4 * p + 4));
                    assertEquals(new Shape(1, 3, 4, 4), alone.getShape());
                    assertArrayEquals(block.toFloatArray(), alone.toFloatArray(), 1e-6f);
                }
            }
        }
    }
}
