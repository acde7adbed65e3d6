package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
