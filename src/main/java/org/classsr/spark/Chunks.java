package org.classsr.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * A partition's records processed a chunk at a time, lazily: the next chunk is pulled and
 * processed only when the previous chunk's results have been consumed, so a task holds one chunk.
 */
final class Chunks<I, O> extends PartIterator<O> {

    private final Iterator<I> input;
    private final int size;
    private final Function<List<I>, List<O>> process;

    Chunks(Iterator<I> input, int size, Function<List<I>, List<O>> process) {
        this.input = input;
        this.size = Math.max(1, size);
        this.process = process;
    }

    @Override
    protected Iterator<O> nextPart() {
        if (!input.hasNext()) {
            return null;
        }
        List<I> chunk = new ArrayList<>(size);
        while (chunk.size() < size && input.hasNext()) {
            chunk.add(input.next());
        }
        return process.apply(chunk).iterator();
    }
}
