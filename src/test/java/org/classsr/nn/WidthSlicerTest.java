package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Random;
import java.util.Set;
import org.classsr.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * A wide network whose extra channels are dead (nothing reads or writes them) computes the same
 * function as the narrow network sliced from it: so the slicer keeps exactly the live channels
 * and wires every layer (concatenations, groups, pixel shuffles, squeezes) to the right ones.
 */
class WidthSlicerTest {

    private static final Shape IN = new Shape(1, 3, 6, 5);

    @Test
    void carnWithDeadChannelsSlicesToTheSameFunction() {
        // 16 channels in 4 groups of 4; two dead in each group
        assertSameFunction(new CarnNet(16, 4, 4), 16, new CarnNet(8, 4, 4), 8, 4, Set.of(1, 2, 4, 7, 9, 10, 12, 15), -1);
    }

    @Test
    void srResNetWithDeadChannelsSlicesToTheSameFunction() {
        assertSameFunction(new SrResNet(12, 2, 4), 12, new SrResNet(7, 2, 4), 7, 1, Set.of(0, 3, 5, 8, 11), -1);
    }

    @Test
    void rcanWithDeadChannelsAndADeadSqueezeSlicesToTheSameFunction() {
        // 32 channels, squeeze 32/16 = 2; the narrow one has 16 channels and squeeze 1
        assertSameFunction(new RcanNet(32, 2, 2, 16, 255, 4), 32, new RcanNet(16, 2, 2, 16, 255, 4), 16, 1,
                Set.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), 0);
    }

    @Test
    void theCarriersOfABilinearStartSurviveASliceThoughTheirWeightsAreSmall() {
        // the carriers hold the image through one 1 per kernel, the random channels have larger
        // weights: ranked by weight alone, the carriers go first and the output is lost
        try (NDManager m = NDManager.newBaseManager()) {
            CarnNet wide = carn(m, 16);
            CarnNet narrow = carn(m, 12);
            CarnBilinearStart.apply(wide, 16, 4);
            WidthSlicer.slice(wide, 16, narrow, 12, 4, CarnBilinearStart.carriers());
            float[][] out = outputs(m, wide, narrow);
            float[] a = out[0];
            float[] b = out[1];
            assertTrue(TestArrays.maxAbsDiff(a, b) < 1e-5f, "max difference " + TestArrays.maxAbsDiff(a, b));
            // three carriers in one group cannot all stay at two channels per group
            CarnNet tiny = carn(m, 8);
            assertThrows(IllegalArgumentException.class,
                    () -> WidthSlicer.slice(wide, 16, tiny, 8, 4, CarnBilinearStart.carriers()));
        }
    }

    @Test
    void aNarrowerWidthThatSplitsGroupsUnevenlyIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            CarnNet wide = carn(m, 16);
            CarnNet narrow = carn(m, 12);
            assertThrows(IllegalArgumentException.class, () -> WidthSlicer.slice(wide, 16, narrow, 10, 4));
            assertThrows(IllegalArgumentException.class, () -> WidthSlicer.slice(narrow, 12, wide, 16, 4));
        }
    }

    private static void assertSameFunction(ConvGraph wide, int n, ConvGraph narrow, int k, int groups, Set<Integer> dead,
            int deadSqueeze) {
        try (NDManager m = NDManager.newBaseManager()) {
            NnTesting.init(wide, m, IN);
            NnTesting.init(narrow, m, IN);
            Random rng = new Random(5);
            for (var e : wide.convolutions().entrySet()) {
                kill(e.getKey(), e.getValue(), n, dead, deadSqueeze, rng);
            }
            WidthSlicer.slice(wide, n, narrow, k, groups);
            float[][] out = outputs(m, wide, narrow);
            float[] a = out[0];
            float[] b = out[1];
            float diff = TestArrays.maxAbsDiff(a, b);
            assertTrue(diff < 1e-4f, "max difference " + diff);
            // and the dead channels did matter to nobody, while the live ones do: a random narrow net differs
            float spread = 0;
            for (float v : a) {
                spread = Math.max(spread, Math.abs(v - a[0]));
            }
            assertTrue(spread > 1e-3f, "the output is not constant");
            assertEquals(a.length, b.length);
        }
    }

    /** A x4 CARN of {@code channels} channels in 4 groups, initialized. */
    private static CarnNet carn(NDManager m, int channels) {
        CarnNet net = new CarnNet(channels, 4, 4);
        NnTesting.init(net, m, IN);
        return net;
    }

    /** The outputs of both networks on the same random input in [0, 1]. */
    private static float[][] outputs(NDManager m, ConvGraph wide, ConvGraph narrow) {
        NDArray x = m.create(NnTesting.random(new Random(9), (int) IN.size()), IN).mul(0.5f).add(0.5f);
        return new float[][] {NnTesting.forward(wide, m, x).toFloatArray(),
            NnTesting.forward(narrow, m, x).toFloatArray()};
    }

    /** Random small weights, zero wherever a dead channel is read or written. */
    private static void kill(String name, Conv2d conv, int n, Set<Integer> dead, int deadSqueeze, Random rng) {
        NDArray w = conv.getParameters().get("weight").getArray();
        NDArray bias = conv.getParameters().get("bias").getArray();
        Shape s = w.getShape();
        int out = (int) s.get(0);
        int inPerGroup = (int) s.get(1);
        int g = conv.getGroups();
        int kk = (int) (s.get(2) * s.get(3));
        boolean meanShift = name.endsWith("_mean");
        float[] v = meanShift ? w.toFloatArray() : new float[(int) s.size()];
        float[] b = meanShift ? bias.toFloatArray() : new float[out];
        if (meanShift) {
            return;
        }
        boolean squeezeOut = name.endsWith("conv_du_0");
        boolean squeezeIn = name.endsWith("conv_du_2");
        for (int o = 0; o < out; o++) {
            boolean deadOut = out == n ? dead.contains(o) : out == 4 * n ? dead.contains(o / 4)
                    : squeezeOut && o == deadSqueeze;
            if (deadOut) {
                continue;
            }
            b[o] = (float) (rng.nextGaussian() * 0.05);
            for (int i = 0; i < inPerGroup; i++) {
                int global = (o / (out / g)) * inPerGroup + i;
                int total = inPerGroup * g;
                boolean deadIn = squeezeIn ? global == deadSqueeze : total % n == 0 && dead.contains(global % n);
                for (int t = 0; t < kk; t++) {
                    v[(o * inPerGroup + i) * kk + t] = deadIn ? 0f : (float) (rng.nextGaussian() * 0.2 / Math.sqrt(inPerGroup * kk));
                }
            }
        }
        w.set(v);
        bias.set(b);
    }
}
