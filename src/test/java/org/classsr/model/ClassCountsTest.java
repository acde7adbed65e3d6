package org.classsr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassCountsTest {

    @Test
    void totalAddsEveryClass() {
        assertEquals(0, ClassCounts.total(new int[0]));
        assertEquals(12, ClassCounts.total(new int[] {5, 0, 7}));
    }

    @Test
    void widenedPadsOrCutsToTheReportsClasses() {
        assertArrayEquals(new long[] {5, 7, 0}, ClassCounts.widened(new int[] {5, 7}, 3));
        assertArrayEquals(new long[] {5}, ClassCounts.widened(new int[] {5, 7}, 1));
        assertArrayEquals(new long[] {0, 0}, ClassCounts.widened(new int[0], 2));
    }

    @Test
    void countsByNameKeepClassOrderAndNameTheExtraClasses() {
        Map<String, Object> m = ClassCounts.byName(List.of("simple", "hard"), new long[] {3, 4, 5});
        assertEquals(List.of("simple", "hard", "class2"), List.copyOf(m.keySet()));
        assertEquals(List.of(3L, 4L, 5L), List.copyOf(m.values()));
    }

    @Test
    void fractionsAreSharesOfTheTotal() {
        assertArrayEquals(new double[] {0.25, 0.75}, ClassCounts.fractions(new long[] {1, 3}), 1e-12);
        assertArrayEquals(new double[] {0, 0}, ClassCounts.fractions(new long[] {0, 0}), 0);
    }
}
