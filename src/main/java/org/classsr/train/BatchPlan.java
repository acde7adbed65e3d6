package org.classsr.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which samples (and which augmentation) make up training step {@code s}: a pure function of
 * (seed, step), so a resumed run sees exactly the batches an uninterrupted run would, and the
 * only data-order state a checkpoint needs is the step.
 *
 * <p>The samples are read as one endless sequence: position {@code p = step * batch + k} is
 * element {@code p mod n} of epoch {@code p / n}'s permutation of the pool (a Fisher-Yates
 * shuffle seeded from (seed, epoch)); its augmentation op is drawn from a generator seeded from
 * (seed, p). A batch may span two epochs; pools smaller than a batch simply repeat.
 */
public final class BatchPlan {

    private final int[] pool;
    private final long seed;
    private final int batch;
    private final boolean augment;
    private long cachedEpoch = -1;
    private int[] cachedPerm;

    /**
     * @param pool    the dataset indices to draw from (e.g. one class)
     * @param seed    the data-order seed
     * @param batch   samples per step
     * @param augment whether to draw flips/rotations (else op 0)
     */
    public BatchPlan(int[] pool, long seed, int batch, boolean augment) {
        if (pool.length == 0) {
            throw new IllegalArgumentException("no samples to train on");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        this.pool = pool.clone();
        this.seed = seed;
        this.batch = batch;
        this.augment = augment;
    }

    /** A fixed random set of up to {@code n} of {@code size} sample indices, ascending. */
    static int[] subset(int size, int n, long seed) {
        BatchPlan p = new BatchPlan(all(size), seed, Math.min(n, size), false);
        int[] s = p.samples(0);
        java.util.Arrays.sort(s);
        return s;
    }

    public static int[] all(int n) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        return p;
    }

    public int batch() {
        return batch;
    }

    public int poolSize() {
        return pool.length;
    }

    /** Dataset indices of step {@code step}'s batch. */
    public synchronized int[] samples(long step) {
        int[] out = new int[batch];
        for (int k = 0; k < batch; k++) {
            long p = step * batch + k;
            out[k] = permutation(p / pool.length)[(int) (p % pool.length)];
        }
        return out;
    }

    /** Augmentation ops of step {@code step}'s batch. */
    public int[] ops(long step) {
        int[] out = new int[batch];
        if (augment) {
            for (int k = 0; k < batch; k++) {
                long p = step * batch + k;
                out[k] = new SplittableRandom(mix(seed, p) ^ 0x5DEECE66DL).nextInt(Augment.OPS);
            }
        }
        return out;
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            int[] perm = pool.clone();
            SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
            for (int i = perm.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            cachedEpoch = epoch;
            cachedPerm = perm;
        }
        return cachedPerm;
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
