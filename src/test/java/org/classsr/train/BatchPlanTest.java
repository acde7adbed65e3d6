package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    @Test
    void eachEpochVisitsThePoolOnceAndTheOrderIsAFunctionOfSeedAndStep() {
        int[] pool = {3, 5, 7, 9, 11, 13};
        BatchPlan a = new BatchPlan(pool, 42, 3, true);
        int[] epoch = new int[6];
        System.arraycopy(a.samples(0), 0, epoch, 0, 3);
        System.arraycopy(a.samples(1), 0, epoch, 3, 3);
        Arrays.sort(epoch);
        assertArrayEquals(pool, epoch);
        BatchPlan b = new BatchPlan(pool, 42, 3, true);
        assertArrayEquals(a.samples(7), b.samples(7)); // b never saw steps 0..6
        assertArrayEquals(a.ops(7), b.ops(7));
        assertArrayEquals(a.samples(2), b.samples(2));
    }

    @Test
    void poolsSmallerThanABatchRepeat() {
        BatchPlan p = new BatchPlan(new int[] {1, 2}, 1, 5, false);
        int[] s = p.samples(0);
        assertEquals(5, s.length);
        assertArrayEquals(new int[5], p.ops(0));
    }
}
