package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CarnBilinearStartTest {

    @Test
    void untrainedNetworkOutputsBilinearUpscalingInsideTheImage() {
        for (int nf : new int[] {8, 12, 64}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Shape in = new Shape(2, 3, 7, 6);
                CarnNet net = new CarnNet(nf, 4, 4);
                NnTesting.init(net, m, in);
                CarnBilinearStart.apply(net, nf, 4);
                NDArray x = m.create(NnTesting.random(new Random(nf), (int) in.size()), in).mul(0.5f).add(0.5f);
                NDArray y = NnTesting.forward(net, m, x);
                NDArray expected = ConvGraph.bilinear(ConvGraph.bilinear(x, 2), 2);
                assertEquals(expected.getShape(), y.getShape());
                // zero padding at the border changes the outer HR pixels only
                int margin = 4;
                float[] a = y.toFloatArray();
                float[] b = expected.toFloatArray();
                int h = 28;
                int w = 24;
                float worst = 0;
                for (int plane = 0; plane < 6; plane++) {
                    for (int r = margin; r < h - margin; r++) {
                        for (int c = margin; c < w - margin; c++) {
                            int i = (plane * h + r) * w + c;
                            worst = Math.max(worst, Math.abs(a[i] - b[i]));
                        }
                    }
                }
                assertTrue(worst < 1e-5f, "nf " + nf + ": largest difference " + worst);
            }
        }
    }

    @Test
    void theRandomChannelsStillReachTheExitThroughTraining() {
        // the exit starts at 0 from every non-carrier channel, but those channels are random, not dead
        try (NDManager m = NDManager.newBaseManager()) {
            CarnNet net = new CarnNet(8, 4, 4);
            NnTesting.init(net, m, new Shape(1, 3, 4, 4));
            CarnBilinearStart.apply(net, 8, 4);
            float[] entry = net.convolutions().get("entry").getParameters().get("weight").getArray().toFloatArray();
            float nonCarrier = 0;
            for (int i = 3 * 27; i < entry.length; i++) {
                nonCarrier = Math.max(nonCarrier, Math.abs(entry[i]));
            }
            assertTrue(nonCarrier > 0, "non-carrier channels keep their random start");
        }
    }

    @Test
    void tooNarrowANetworkIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            CarnNet net = new CarnNet(2, 2, 4);
            NnTesting.init(net, m, new Shape(1, 3, 4, 4));
            assertThrows(IllegalArgumentException.class, () -> CarnBilinearStart.apply(net, 2, 2));
        }
    }
}
