package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CARN-M, MSRResNet and RCAN: the paper's FLOPs table, upstream parameter names and shapes, exact parts. */
class FamilyNetsTest {

    private static final Shape PATCH = new Shape(1, 3, 32, 32);

    /**
     * The network's FLOPs per 32x32 LR patch agree with the paper's printed value (in G, three
     * significant digits) to within 0.5%.
     */
    private static void assertPaper(double printedG, ConvGraph net) {
        double g = 2.0 * net.macs(PATCH) / 1e9;
        assertTrue(Math.abs(g - printedG) <= 0.005 * printedG, net.getClass().getSimpleName() + ": " + g + " G vs paper " + printedG);
    }

    @Test
    void paperTableForEveryBranchWidth() {
        assertEquals(577_594_368L, new CarnNet(64, 4, 4).macs(PATCH));
        assertPaper(0.38, new CarnNet(36, 4, 4));
        assertPaper(0.77, new CarnNet(52, 4, 4));
        assertPaper(1.15, new CarnNet(64, 4, 4));
        assertPaper(1.66, new SrResNet(36, 16, 4));
        assertPaper(3.44, new SrResNet(52, 16, 4));
        assertPaper(5.20, new SrResNet(64, 16, 4));
        assertPaper(10.33, new RcanNet(36, 10, 20, 16, 255, 4));
        assertPaper(19.90, new RcanNet(50, 10, 20, 16, 255, 4));
        assertPaper(32.60, new RcanNet(64, 10, 20, 16, 255, 4));
    }

    @Test
    void macsCountSharedAndGroupedConvolutionsByHand() {
        // CARN-M nf 8, group 4, on one 2x2 patch: count every conv by hand.
        int nf = 8;
        long px = 4;
        long eres = 3 * 3 * (2 * px * nf * (nf / 4) * 9 + px * nf * nf); // 3 blocks x 3 shared uses
        long joins = 4 * px * nf * (2 * nf + 3 * nf + 4 * nf); // 3 blocks + outer, 1x1
        long up = px * 4 * nf * (nf / 4) * 9 + 4 * px * 4 * nf * (nf / 4) * 9;
        long ends = px * 3 * nf * 9 + 16 * px * nf * 3 * 9 + px * 9 + 16 * px * 9; // entry, exit, mean shifts
        assertEquals(eres + joins + up + ends, new CarnNet(nf, 4, 4).macs(new Shape(1, 3, 2, 2)));
        // batch counts linearly
        assertEquals(5 * new CarnNet(nf, 4, 4).macs(new Shape(1, 3, 2, 2)),
                new CarnNet(nf, 4, 4).macs(new Shape(5, 3, 2, 2)));
    }

    @Test
    void parametersCarryUpstreamStateDictNames() {
        try (NDManager m = NDManager.newBaseManager()) {
            CarnNet carn = new CarnNet(36, 4, 4);
            NnTesting.init(carn, m, PATCH);
            Map<String, Shape> s = BlockParameters.shapes(carn);
            assertEquals(new Shape(36, 9, 3, 3), s.get("b2_b1_body_0_weight"));
            assertEquals(new Shape(36, 108, 1, 1), s.get("b3_c2_0_weight"));
            assertEquals(new Shape(36), s.get("c3_0_bias"));
            assertEquals(new Shape(144, 9, 3, 3), s.get("upsample_up_body_3_weight"));
            assertEquals(new Shape(3, 36, 3, 3), s.get("exit_weight"));
            assertEquals(new Shape(3, 3, 1, 1), s.get("sub_mean_weight"));

            RcanNet rcan = new RcanNet(50, 2, 3, 16, 255, 4);
            NnTesting.init(rcan, m, PATCH);
            s = BlockParameters.shapes(rcan);
            assertEquals(new Shape(3, 50, 1, 1), s.get("body_1_body_2_body_3_conv_du_0_weight"));
            assertEquals(new Shape(50, 50, 3, 3), s.get("body_1_body_3_weight"));
            assertEquals(new Shape(50, 50, 3, 3), s.get("body_2_weight"));
            assertEquals(new Shape(200, 50, 3, 3), s.get("tail_0_2_weight"));
            assertEquals(new Shape(3, 50, 3, 3), s.get("tail_1_weight"));
            assertEquals(2 * (4 * 3 * 2 + 2 + 1 + 1 + 3 + 2), s.size());

            SrResNet srr = new SrResNet(52, 16, 4);
            NnTesting.init(srr, m, PATCH);
            s = BlockParameters.shapes(srr);
            assertEquals(new Shape(52, 52, 3, 3), s.get("recon_trunk_15_conv2_weight"));
            assertEquals(new Shape(208, 52, 3, 3), s.get("upconv2_weight"));
            assertEquals(new Shape(52, 52, 3, 3), s.get("HRconv_weight"));
            assertEquals(2 * (1 + 32 + 4), s.size());
        }
    }

    @Test
    void srResNetWithZeroWeightsIsExactlyBilinearUpsampling() {
        try (NDManager m = NDManager.newBaseManager()) {
            SrResNet net = new SrResNet(4, 1, 4);
            NnTesting.init(net, m, new Shape(1, 3, 2, 2));
            for (Parameter p : net.getParameters().values()) {
                p.getArray().muli(0);
            }
            float a = 0.2f;
            float b = 0.6f;
            float[] x = new float[12];
            for (int c = 0; c < 3; c++) {
                x[c * 4] = a; // row 0: a b; row 1: a b
                x[c * 4 + 1] = b;
                x[c * 4 + 2] = a;
                x[c * 4 + 3] = b;
            }
            NDArray y = NnTesting.forward(net, m, m.create(x, new Shape(1, 3, 2, 2)));
            assertEquals(new Shape(1, 3, 8, 8), y.getShape());
            // align_corners = false: source x = max(0, (i + 0.5) / 4 - 0.5), clamped at the far edge
            float[] row = new float[8];
            for (int i = 0; i < 8; i++) {
                double src = Math.min(1, Math.max(0, (i + 0.5) / 4 - 0.5));
                row[i] = (float) (a + (b - a) * src);
            }
            float[] out = y.toFloatArray();
            for (int r = 0; r < 8; r++) {
                float[] got = new float[8];
                System.arraycopy(out, 2 * 64 + r * 8, got, 0, 8);
                assertArrayEquals(row, got, 1e-6f, "row " + r);
            }
        }
    }

    @Test
    void meanShiftsStartAtTheDiv2kMeanInTheNetworksPixelRange() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (ConvGraph net : new ConvGraph[] {new CarnNet(8, 4, 4), new RcanNet(16, 1, 1, 16, 255, 4)}) {
                NnTesting.init(net, m, new Shape(1, 3, 4, 4));
                for (var e : net.convolutions().entrySet()) {
                    if (!e.getKey().endsWith("_mean")) {
                        e.getValue().getParameters().get("weight").getArray().muli(0);
                        e.getValue().getParameters().get("bias").getArray().muli(0);
                    }
                }
                float[] x = NnTesting.random(new Random(1), 3 * 16);
                float[] y = NnTesting.forward(net, m, m.create(x, new Shape(1, 3, 4, 4))).toFloatArray();
                assertEquals(3 * 256, y.length);
                for (int c = 0; c < 3; c++) {
                    assertEquals(ConvGraph.DIV2K_MEAN[c], y[c * 256 + 77], 1e-5f, net.getClass().getSimpleName());
                }
            }
        }
    }

    @Test
    void randomNetworksGiveFiniteOutputsOfTheRightShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvGraph[] nets = {new CarnNet(12, 4, 4), new SrResNet(8, 2, 4), new RcanNet(16, 2, 2, 16, 255, 4)};
            for (ConvGraph net : nets) {
                NnTesting.init(net, m, new Shape(2, 3, 6, 5));
                NDArray y = NnTesting.forward(net, m, m.create(NnTesting.random(new Random(2), 2 * 3 * 30),
                        new Shape(2, 3, 6, 5)));
                assertEquals(new Shape(2, 3, 24, 20), y.getShape());
                for (float v : y.toFloatArray()) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
    }

    @Test
    void badHyperParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CarnNet(30, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new SrResNet(64, 16, 3));
        assertThrows(IllegalArgumentException.class, () -> new RcanNet(8, 10, 20, 16, 255, 4));
    }
}
