package org.classsr.checkpoint;

import java.util.Arrays;

/**
 * A tensor read from a checkpoint: its shape and its values as contiguous row-major float32,
 * whatever the stored precision and layout were.
 */
public record TensorData(long[] shape, float[] data) {

    public TensorData {
        if (numel(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + numel(shape)
                    + " values, got " + data.length);
        }
    }

    /** A tensor of {@code shape} filled with {@code value}. */
    public static TensorData filled(long[] shape, float value) {
        float[] data = new float[Math.toIntExact(numel(shape))];
        Arrays.fill(data, value);
        return new TensorData(shape.clone(), data);
    }

    /** The number of elements of a shape (1 for a scalar). */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code i}. */
    public long dim(int i) {
        return shape[i];
    }

    /** The shape as PyTorch prints it, e.g. {@code [8, 3, 3, 3]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
