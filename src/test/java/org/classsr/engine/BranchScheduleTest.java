package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BranchScheduleTest {

    @Test
    void batchesAreEachClassCutInOrderAndRunLowestTileFirst() {
        int[] classes = {0, 0, 1, 0, 2, 1, 0, 0, 1, 2};
        BranchSchedule s = BranchSchedule.of(classes, 3, 2);
        assertArrayEquals(new int[] {0, 1, 3, 6, 7}, s.members(0));
        assertArrayEquals(new int[] {2, 5, 8}, s.members(1));
        assertArrayEquals(new int[] {4, 9}, s.members(2));
        assertEquals(List.of(
                new BranchSchedule.Batch(0, 0, 2, 2),   // tiles 0, 1: 2 is next
                new BranchSchedule.Batch(1, 0, 2, 3),   // 2, 5: 3 is next
                new BranchSchedule.Batch(0, 2, 2, 4),   // 3, 6
                new BranchSchedule.Batch(2, 0, 2, 7),   // 4, 9: 7 is next
                new BranchSchedule.Batch(0, 4, 1, 8),   // 7
                new BranchSchedule.Batch(1, 2, 1, 10)), // 8: all done
                s.batches());
        assertEquals(3, s.slot(6));
        assertEquals(1, s.slot(9));
    }

    /** Same batches as running each class over all its members; frontier never moves back and ends at n. */
    @Test
    void randomClassesKeepTheEnginesBatchesAndAMonotoneFrontier() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(300);
            int batch = 1 + random.nextInt(70);
            int[] classes = random.ints(n, 0, 3).toArray();
            BranchSchedule s = BranchSchedule.of(classes, 3, batch);
            int[] next = new int[3];
            int frontier = 0;
            int tiles = 0;
            for (BranchSchedule.Batch b : s.batches()) {
                assertEquals(next[b.cls()], b.from());
                assertEquals(Math.min(batch, s.members(b.cls()).length - b.from()), b.count());
                next[b.cls()] += b.count();
                tiles += b.count();
                assertEquals(true, b.frontier() >= frontier);
                frontier = b.frontier();
                for (int i = 0; i < frontier; i++) { // every tile below the frontier is computed
                    assertEquals(true, s.slot(i) < next[classes[i]]);
                }
            }
            assertEquals(n, tiles);
            assertEquals(n, frontier);
        }
    }

    @Test
    void refusesAClassOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> BranchSchedule.of(new int[] {0, 3}, 3, 4));
    }
}
