package org.classsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.stream.IntStream;
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

    /** The fraction of {@code classes} in each of the 3 classes. */
    static double[] fractions(int[] classes) {
        long[] counts = new long[3];
        for (int c : classes) {
            counts[c]++;
        }
        double[] f = new double[3];
        for (int c = 0; c < 3; c++) {
            f[c] = (double) counts[c] / classes.length;
        }
        return f;
    }

    /** Positions k with {@code classes[k] == c}. */
    static int[] members(int[] classes, int c) {
        return IntStream.range(0, classes.length).filter(k -> classes[k] == c).toArray();
    }

    /** {@code values[k]} for each position k. */
    static int[] pick(int[] values, int[] positions) {
        return Arrays.stream(positions).map(k -> values[k]).toArray();
    }

    /**
     * The paper-FLOPs ratio against the "-O" network of routing to these classes: the classifier on every
     * sub-image plus each one's branch.
     *
     * @param branchMacs paper MACs per sub-image of the simple, medium and hard branch
     */
    static double paperFlopsRatio(int[] classes, double classifierMacs, double[] branchMacs, double originalMacs) {
        double[] f = fractions(classes);
        double macs = classifierMacs;
        for (int c = 0; c < 3; c++) {
            macs += f[c] * branchMacs[c];
        }
        return macs / originalMacs;
    }
}
