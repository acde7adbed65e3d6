package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Map;
import java.util.Random;
import org.classsr.TestArrays;
import org.junit.jupiter.api.Test;

class PhaseTailBlockTest {

    private static final int D = 5;
    private static final int COLORS = 3;

    @Test
    void spansCoverEveryPhaseWithItsRealTapsOnly() {
        int phases = 0;
        for (TailPhases.Span span : TailPhases.spans()) {
            for (int r : span.phases()) {
                phases++;
                for (int a = 0; a < 3; a++) {
                    boolean inWindow = a >= span.first() && a < span.first() + span.taps();
                    assertEquals(TailPhases.isReal(r, a), inWindow, "phase " + r + " tap " + a);
                }
            }
        }
        assertEquals(4, phases);
        assertEquals(9, TailPhases.groups().size());
        assertEquals(81, TailPhases.realTaps());
    }

    /** Both tails with weights converted from one random transposed convolution, odd sizes. */
    @Test
    void equalsTheDenseSubPixelTailOnConvertedWeights() {
        Random rng = new Random(22L);
        SubPixelConverter.SubPixelWeights sp = SubPixelConverter.convert(
                NnTesting.random(rng, D * COLORS * 81), new long[] {D, COLORS, 9, 9}, NnTesting.random(rng, COLORS));
        Shape input = new Shape(2, D, 7, 6);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(NnTesting.random(rng, (int) input.size()), input);
            float[] dense = run(tail(FsrcnnNet.Tail.SUB_PIXEL), sp, manager, x);
            float[] phases = run(tail(FsrcnnNet.Tail.PHASES), sp, manager, x);
            float diff = TestArrays.maxAbsDiff(dense, phases);
            assertTrue(diff < 1e-5f, "phase tail differs from the dense tail by " + diff);
        }
    }

    @Test
    void wholeFsrcnnIsUnchangedByTheTail() {
        Random rng = new Random(7L);
        Shape input = new Shape(3, COLORS, 9, 8);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block dense = FsrcnnNet.builder().setChannels(D).build();
            Block phases = FsrcnnNet.builder().setChannels(D).optTail(FsrcnnNet.Tail.PHASES).build();
            NnTesting.init(dense, manager, input);
            NnTesting.init(phases, manager, input);
            Map<String, Parameter> from = BlockParameters.parameters(dense);
            Map<String, Parameter> to = BlockParameters.parameters(phases);
            assertEquals(BlockParameters.shapes(dense), BlockParameters.shapes(phases), "same names and shapes");
            SubPixelConverter.SubPixelWeights sp = SubPixelConverter.convert(
                    NnTesting.random(rng, D * COLORS * 81), new long[] {D, COLORS, 9, 9}, NnTesting.random(rng, COLORS));
            from.get("15Conv2d_weight").getArray().set(sp.weight());
            from.get("15Conv2d_bias").getArray().set(sp.bias());
            for (Map.Entry<String, Parameter> e : from.entrySet()) {
                to.get(e.getKey()).getArray().set(e.getValue().getArray().toFloatArray());
            }
            NDArray x = manager.create(NnTesting.random(rng, (int) input.size()), input);
            float[] a = NnTesting.forward(dense, manager, x).toFloatArray();
            float[] b = NnTesting.forward(phases, manager, x).toFloatArray();
            float diff = TestArrays.maxAbsDiff(a, b);
            assertTrue(diff < 1e-5f, "FSRCNN with the phase tail differs by " + diff);
            assertNull(((PhaseTailBlock) phases.getChildren().get("15Conv2d")).zeroTapProblem());
        }
    }

    @Test
    void executesOnlyTheRealTaps() {
        Shape tile = new Shape(1, 56, 32, 32);
        long dense = MacCounter.macs(tail(FsrcnnNet.Tail.SUB_PIXEL), tile);
        long phases = MacCounter.macs(tail(FsrcnnNet.Tail.PHASES), tile);
        assertEquals(32L * 32 * 56 * COLORS * 144, dense);
        assertEquals(32L * 32 * 56 * COLORS * 81, phases);
        Shape lr = new Shape(1, COLORS, 32, 32);
        long whole = MacCounter.macs(FsrcnnNet.builder().setChannels(56).build(), lr);
        long wholePhases =
                MacCounter.macs(FsrcnnNet.builder().setChannels(56).optTail(FsrcnnNet.Tail.PHASES).build(), lr);
        assertEquals(dense - phases, whole - wholePhases);
    }

    @Test
    void refusesATrainedSubPixelTail() {
        Random rng = new Random(3L);
        SubPixelConverter.SubPixelWeights sp = SubPixelConverter.convert(
                NnTesting.random(rng, D * COLORS * 81), new long[] {D, COLORS, 9, 9}, NnTesting.random(rng, COLORS));
        float[] trained = sp.weight().clone();
        trained[0] = 0.5f; // channel 0 = phase (0, 0), tap (0, 0): reads kernel (7, 7), real
        trained[2] = 0.5f; // tap (0, 2): kernel (7, -1), not real
        try (NDManager manager = NDManager.newBaseManager()) {
            PhaseTailBlock block = new PhaseTailBlock(COLORS);
            NnTesting.init(block, manager, new Shape(1, D, 4, 4));
            Map<String, Parameter> p = BlockParameters.parameters(block);
            p.get("weight").getArray().set(sp.weight());
            assertNull(block.zeroTapProblem());
            p.get("weight").getArray().set(trained);
            String problem = block.zeroTapProblem();
            assertNotNull(problem);
            assertTrue(problem.startsWith("1 taps"), problem);
        }
    }

    private static Block tail(FsrcnnNet.Tail kind) {
        if (kind == FsrcnnNet.Tail.PHASES) {
            return new PhaseTailBlock(COLORS);
        }
        ai.djl.nn.SequentialBlock dense = new ai.djl.nn.SequentialBlock();
        return dense.add(FsrcnnNet.conv(COLORS * 16, 3)).add(new PixelShuffleBlock(4));
    }

    private static float[] run(Block tail, SubPixelConverter.SubPixelWeights sp, NDManager manager, NDArray x) {
        NnTesting.init(tail, manager, x.getShape());
        Parameter[] params = BlockParameters.parameters(tail).values().toArray(new Parameter[0]);
        params[0].getArray().set(sp.weight());
        params[1].getArray().set(sp.bias());
        NDArray y = NnTesting.forward(tail, manager, x);
        assertArrayEquals(new long[] {x.getShape().get(0), COLORS, 4 * x.getShape().get(2), 4 * x.getShape().get(3)},
                y.getShape().getShape());
        return y.toFloatArray();
    }
}
