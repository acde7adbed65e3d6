package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2dTranspose;
import org.junit.jupiter.api.Test;

class FlopsTest {

    private static final Shape PATCH = new Shape(1, 3, 32, 32);

    private static void assertWithinOnePercent(double published, long actual) {
        double rel = Math.abs(actual - published) / published;
        assertTrue(rel < 0.01, "expected ~" + published + ", got " + actual + " (" + rel * 100 + "%)");
    }

    @Test
    void paperConventionReproducesPublishedFsrcnnNumbers() {
        long f16 = PaperFlops.fsrcnnFlops(FsrcnnNet.builder().setChannels(16).spec(), 32);
        long f36 = PaperFlops.fsrcnnFlops(FsrcnnNet.builder().setChannels(36).spec(), 32);
        long f56 = PaperFlops.fsrcnnFlops(FsrcnnNet.builder().setChannels(56).spec(), 32);
        assertWithinOnePercent(141e6, f16);
        assertWithinOnePercent(304e6, f36);
        assertWithinOnePercent(468e6, f56);
        assertEquals(141_262_848L, f16);
        assertEquals(304_570_368L, f36);
        assertEquals(467_877_888L, f56);
    }

    @Test
    void executedMacsOfFsrcnn56ByHand() {
        long px = 32 * 32;
        long hand =
                px * 56 * 3 * 5 * 5 // 5x5 conv 3 -> 56
                        + px * 12 * 56 // 1x1 56 -> 12
                        + 4 * px * 12 * 12 * 3 * 3 // four 3x3 12 -> 12
                        + px * 56 * 12 // 1x1 12 -> 56
                        + px * 48 * 56 * 3 * 3; // sub-pixel 3x3 56 -> 3*16; shuffle, PReLU, bias: 0
        assertEquals(35_758_080L, hand);
        assertEquals(hand, MacCounter.macs(FsrcnnNet.builder().setChannels(56).build(), PATCH));
        assertEquals(2 * hand, MacCounter.flops(FsrcnnNet.builder().setChannels(56).build(), PATCH));
        // the count scales with the batch
        assertEquals(
                8 * hand, MacCounter.macs(FsrcnnNet.builder().setChannels(56).build(), new Shape(8, 3, 32, 32)));
    }

    @Test
    void bodyIsCountedAlikeInBothConventions() {
        for (int d : new int[] {16, 36, 56}) {
            FsrcnnNet.Spec spec = FsrcnnNet.builder().setChannels(d).spec();
            long executedTail = 32L * 32 * 48 * d * 9;
            long paperTail = 128L * 128 * d * 3 * 81;
            assertEquals(
                    MacCounter.macs(spec.toBlock(), PATCH) - executedTail,
                    PaperFlops.fsrcnnMacs(spec, 32, 32) - paperTail,
                    "d = " + d);
        }
    }

    @Test
    void classifierCountIsTheSameInBothConventions() {
        ClassifierNet.Spec spec = ClassifierNet.builder().spec();
        long hand =
                8 * 8 * 128 * 3 * 4 * 4 // 4x4 stride-4 conv on an 8x8 output
                        + 3 * 8 * 8 * 128 * 128 // three 1x1
                        + 8 * 8 * 32 * 128 // 1x1 128 -> 32
                        + 32 * 3; // linear
        assertEquals(3_801_184L, hand);
        assertEquals(hand, MacCounter.macs(spec.toBlock(), PATCH));
        assertEquals(hand, PaperFlops.classifierMacs(spec, 32, 32));
        assertEquals(7_602_368L, PaperFlops.classifierFlops(spec, 32)); // 7.60M, not the "~7.4M" quoted
    }

    @Test
    void unknownBlockWithParametersIsRefused() {
        SequentialBlock net = new SequentialBlock();
        net.add(FsrcnnNet.conv(4, 3))
                .add(
                        Conv2dTranspose.builder()
                                .setKernelShape(new Shape(9, 9))
                                .optStride(new Shape(4, 4))
                                .setFilters(3)
                                .build());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MacCounter.macs(net, PATCH));
        assertTrue(e.getMessage().contains("Conv2dTranspose"), e.getMessage());
    }
}
