package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassPartitionerTest {

    @Test
    void partitionsFollowTheClassShareAndHoldOneClassEach() {
        ClassPartitioner p = ClassPartitioner.plan(Map.of(0, 700L, 1, 200L, 2, 100L), 3, 10);
        assertEquals(10, p.numPartitions());
        assertEquals(7, p.partitionsOf(0));
        assertEquals(2, p.partitionsOf(1));
        assertEquals(1, p.partitionsOf(2));
        for (int cls = 0; cls < 3; cls++) {
            for (int i = 0; i < 200; i++) {
                int part = p.getPartition(new TileKey(i % 7, i, cls));
                assertEquals(cls, p.classOf(part));
            }
        }
    }

    @Test
    void aSmallClassStillGetsAPartitionAndAnEmptyOneNone() {
        ClassPartitioner p = ClassPartitioner.plan(Map.of(0, 10_000L, 2, 1L), 3, 4);
        assertEquals(1, p.partitionsOf(2));
        assertEquals(0, p.partitionsOf(1));
        assertEquals(4, p.numPartitions());
        assertThrows(IllegalArgumentException.class, () -> p.getPartition(new TileKey(0, 0, 1)));
    }

    @Test
    void partitionsFollowTheWorkWhenTheBranchesCostDifferently() {
        // FSRCNN's executed MACs per tile, roughly: the hard branch costs 2.5x the simple one.
        double[] cost = {28.0, 49.8, 71.5};
        Map<Integer, Long> tiles = Map.of(0, 1000L, 1, 600L, 2, 400L);
        ClassPartitioner p = ClassPartitioner.plan(tiles, cost, 8);
        assertEquals(8, p.numPartitions());
        // Work 28,000 / 29,880 / 28,600: about a third each, where the tile counts alone give 4 / 2 / 2.
        assertEquals(2, p.partitionsOf(0));
        assertEquals(3, p.partitionsOf(1));
        assertEquals(3, p.partitionsOf(2));
        assertEquals(4, ClassPartitioner.plan(tiles, 3, 8).partitionsOf(0));
        double[] perTask = new double[3];
        for (int k = 0; k < 3; k++) {
            perTask[k] = tiles.get(k) * cost[k] / p.partitionsOf(k);
        }
        double max = Math.max(perTask[0], Math.max(perTask[1], perTask[2]));
        double min = Math.min(perTask[0], Math.min(perTask[1], perTask[2]));
        assertTrue(max / min < 1.5, java.util.Arrays.toString(perTask));
    }

    @Test
    void aClassNeverGetsMorePartitionsThanTilesAndCostsMustBePositive() {
        ClassPartitioner p = ClassPartitioner.plan(Map.of(0, 1000L, 2, 2L), new double[] {1, 1, 10_000}, 8);
        assertEquals(2, p.partitionsOf(2));
        assertEquals(6, p.partitionsOf(0));
        assertThrows(IllegalArgumentException.class,
                () -> ClassPartitioner.plan(Map.of(0, 1L), new double[] {1, 0, 1}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> ClassPartitioner.plan(Map.of(0, 1L), new double[] {1, Double.NaN, 1}, 2));
    }

    @Test
    void theBranchStageRunsAtLeastThreeWholeWavesOverTheSlots() {
        // Three classes on two slots: six tasks (three waves, both slots busy), not three.
        assertEquals(6, ClassPartitioner.partitionCount(1800, 2048, 2, 3));
        assertEquals(6, ClassPartitioner.partitionCount(1800, 2048, 2, 1));
        // More classes than three waves give: rounded up to a whole wave.
        assertEquals(6, ClassPartitioner.partitionCount(1800, 2048, 1, 6));
        assertEquals(8, ClassPartitioner.partitionCount(1800, 2048, 2, 7));
        // Many tiles: one task per 2,048 tiles, rounded up to a multiple of the slots.
        assertEquals(100, ClassPartitioner.partitionCount(200_000, 2048, 4, 3)); // 98 -> 100
        // A cluster wider than the work: three tasks per slot, never more than the tiles.
        assertEquals(300, ClassPartitioner.partitionCount(5_000, 2048, 100, 3));
        assertEquals(3, ClassPartitioner.partitionCount(3, 2048, 8, 3));
    }
}
