package org.classsr.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The elements of a run of parts, part after part, each part made only when the previous one is
 * used up: a task holds one part (a chunk of results, one input's tiles) at a time.
 */
abstract class PartIterator<O> implements Iterator<O> {

    private Iterator<O> current = Collections.emptyIterator();

    /** The next part, or null after the last. */
    protected abstract Iterator<O> nextPart();

    /** Called once the last part is used up (again on every later {@code hasNext}). */
    protected void ended() {
    }

    @Override
    public final boolean hasNext() {
        while (!current.hasNext()) {
            Iterator<O> part = nextPart();
            if (part == null) {
                ended();
                return false;
            }
            current = part;
        }
        return true;
    }

    @Override
    public final O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
