package org.classsr.engine;

/**
 * Tiles packed for one forward pass: {@code count} tiles of channels x size x size floats, CHW,
 * one after another from the start of {@code data} (the array may be longer, for reuse).
 */
record TileBatch(float[] data, int count, int channels, int size) {

    TileBatch {
        if ((long) count * channels * size * size > data.length) {
            throw new IllegalArgumentException("batch of " + count + " tiles does not fit in " + data.length + " values");
        }
    }

    int values() {
        return count * channels * size * size;
    }
}
