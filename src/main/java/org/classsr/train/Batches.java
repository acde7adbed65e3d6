package org.classsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.classsr.dataset.SampleDataset;
import org.classsr.dataset.ShardFormat;
import org.classsr.image.FloatImage;

/** Turns dataset samples into float batches in [0, 1]: LR (B, 3, l, l) and HR (B, 3, h, h). */
public final class Batches {

    private Batches() {
    }

    /** A batch's two arrays. */
    public record Pair(NDArray lr, NDArray hr) {
    }

    /** Reads {@code samples}, applies {@code ops} to each HR/LR pair, and makes arrays on {@code manager}. */
    public static Pair load(SampleDataset data, int[] samples, int[] ops, NDManager manager) {
        ShardFormat f = data.format();
        int n = samples.length;
        float[] lr = new float[n * f.lrBytes()];
        float[] hr = new float[n * f.hrBytes()];
        byte[] hrIn = new byte[f.hrBytes()];
        byte[] lrIn = new byte[f.lrBytes()];
        byte[] hrOut = new byte[f.hrBytes()];
        byte[] lrOut = new byte[f.lrBytes()];
        for (int k = 0; k < n; k++) {
            data.read(samples[k], hrIn, lrIn);
            byte[] h = hrIn;
            byte[] l = lrIn;
            if (ops[k] != 0) {
                Augment.apply(ops[k], hrIn, hrOut, f.channels(), f.hrSize());
                Augment.apply(ops[k], lrIn, lrOut, f.channels(), f.lrSize());
                h = hrOut;
                l = lrOut;
            }
            toFloats(h, hr, k * f.hrBytes());
            toFloats(l, lr, k * f.lrBytes());
        }
        return new Pair(
                manager.create(lr, new Shape(n, f.channels(), f.lrSize(), f.lrSize())),
                manager.create(hr, new Shape(n, f.channels(), f.hrSize(), f.hrSize())));
    }

    /** Only the LR side, unaugmented. */
    public static NDArray loadLr(SampleDataset data, int[] samples, NDManager manager) {
        ShardFormat f = data.format();
        float[] lr = new float[samples.length * f.lrBytes()];
        byte[] hrIn = new byte[f.hrBytes()];
        byte[] lrIn = new byte[f.lrBytes()];
        for (int k = 0; k < samples.length; k++) {
            data.read(samples[k], hrIn, lrIn);
            toFloats(lrIn, lr, k * f.lrBytes());
        }
        return manager.create(lr, new Shape(samples.length, f.channels(), f.lrSize(), f.lrSize()));
    }

    private static final float[] LEVELS = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            LEVELS[i] = i / 255f;
        }
    }

    /** A stored HR sub-image as an image. */
    static FloatImage hrImage(byte[] hr, ShardFormat f) {
        float[] v = new float[hr.length];
        toFloats(hr, v, 0);
        return new FloatImage(f.hrSize(), f.hrSize(), f.channels(), v);
    }

    static void toFloats(byte[] in, float[] out, int offset) {
        for (int i = 0; i < in.length; i++) {
            out[offset + i] = LEVELS[in[i] & 0xFF];
        }
    }
}
