package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PartIteratorTest {

    /** Parts of the given sizes (0 = an empty part), numbered on; counts the parts made and the ends seen. */
    private static final class Numbered extends PartIterator<Integer> {
        private final int[] sizes;
        private int part;
        private int value;
        int made;
        int ends;

        Numbered(int... sizes) {
            this.sizes = sizes;
        }

        @Override
        protected Iterator<Integer> nextPart() {
            if (part == sizes.length) {
                return null;
            }
            made++;
            List<Integer> p = new ArrayList<>();
            for (int i = 0; i < sizes[part]; i++) {
                p.add(value++);
            }
            part++;
            return p.iterator();
        }

        @Override
        protected void ended() {
            ends++;
        }
    }

    @Test
    void yieldsEveryPartInOrderSkippingEmptyOnes() {
        Numbered it = new Numbered(2, 0, 0, 3, 0);
        List<Integer> got = new ArrayList<>();
        it.forEachRemaining(got::add);
        assertEquals(List.of(0, 1, 2, 3, 4), got);
        assertEquals(1, it.ends);
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void makesAPartOnlyWhenThePreviousIsUsedUp() {
        Numbered it = new Numbered(2, 2);
        assertEquals(0, it.next());
        assertEquals(1, it.made);
        assertEquals(1, it.next());
        assertEquals(1, it.made);
        assertEquals(2, it.next());
        assertEquals(2, it.made);
        assertEquals(0, it.ends);
    }

    @Test
    void chunksProcessAFullChunkAtATime() {
        List<List<Integer>> seen = new ArrayList<>();
        Chunks<Integer, Integer> chunks = new Chunks<>(List.of(1, 2, 3, 4, 5).iterator(), 2, c -> {
            seen.add(List.copyOf(c));
            return c.stream().map(x -> x * 10).toList();
        });
        List<Integer> got = new ArrayList<>();
        chunks.forEachRemaining(got::add);
        assertEquals(List.of(10, 20, 30, 40, 50), got);
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), seen);
        assertFalse(new Chunks<Integer, Integer>(List.<Integer>of().iterator(), 4, c -> c).hasNext());
    }
}
