package org.classsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.classsr.dataset.SampleDataset;
import org.classsr.model.ClassBias;

/**
 * Sub-images routed as the engine routes tiles: the class of each is the argmax of the
 * classifier's logits plus a class bias, and exactly one branch runs on it.
 */
final class Routing {

    private static final int BATCH = 256;

    private Routing() {
    }

    /** The classes of a batch of LR sub-images. */
    static int[] classes(Net classifier, NDArray lr, double[] bias) {
        return ClassBias.argmax(classifier.forward(lr, false).toFloatArray(), 3, bias);
    }

    /** The classifier's logits (3 per sample) of stored sub-images, unaugmented. */
    static float[] logits(Net classifier, SampleDataset data, int[] samples) {
        float[] out = new float[samples.length * 3];
        try (NDManager scratch = NDManager.newBaseManager()) {
            for (int from = 0; from < samples.length; from += BATCH) {
                int[] part = Arrays.copyOfRange(samples, from, Math.min(samples.length, from + BATCH));
                float[] l = classifier.forward(Batches.loadLr(data, part, scratch), false).toFloatArray();
                System.arraycopy(l, 0, out, from * 3, l.length);
            }
        }
        return out;
    }

    /** The classes of stored sub-images, unaugmented. */
    static int[] classes(Net classifier, SampleDataset data, int[] samples, double[] bias) {
        return ClassBias.argmax(logits(classifier, data, samples), 3, bias);
    }

    /** {@code values[k]} for each position k. */
    static int[] pick(int[] values, int[] positions) {
        return Arrays.stream(positions).map(k -> values[k]).toArray();
    }
}
