package org.classsr.spark;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.Partitioner;

/**
 * The skew-aware repartition by class: every partition holds tiles of one class only, and each
 * class gets partitions in proportion to its tile count (at least one if it has any tiles), so
 * the usually large "simple" class is spread over many tasks and every task runs one branch.
 */
public final class ClassPartitioner extends Partitioner {

    private final int[] first;
    private final int[] count;
    private final int total;

    ClassPartitioner(int[] first, int[] count) {
        this.first = first.clone();
        this.count = count.clone();
        this.total = Arrays.stream(count).sum();
    }

    /**
     * Plans {@code partitions} partitions (or more: one per non-empty class at least) over the
     * classes by largest remainder of their share of the tiles.
     */
    public static ClassPartitioner plan(Map<Integer, Long> tilesPerClass, int classes, int partitions) {
        long[] n = new long[classes];
        long sum = 0;
        for (Map.Entry<Integer, Long> e : tilesPerClass.entrySet()) {
            if (e.getKey() >= 0 && e.getKey() < classes) {
                n[e.getKey()] = e.getValue();
                sum += e.getValue();
            }
        }
        int[] count = new int[classes];
        int nonEmpty = (int) Arrays.stream(n).filter(v -> v > 0).count();
        int p = Math.max(Math.max(1, partitions), nonEmpty);
        if (sum > 0) {
            p = (int) Math.min(p, sum);
            double[] remainder = new double[classes];
            int given = 0;
            for (int k = 0; k < classes; k++) {
                if (n[k] > 0) {
                    double share = (double) p * n[k] / sum;
                    count[k] = Math.max(1, (int) Math.floor(share));
                    remainder[k] = share - Math.floor(share);
                    given += count[k];
                }
            }
            while (given < p) {
                int best = 0;
                for (int k = 1; k < classes; k++) {
                    if (remainder[k] > remainder[best]) {
                        best = k;
                    }
                }
                if (remainder[best] <= 0) {
                    break;
                }
                count[best]++;
                remainder[best] = 0;
                given++;
            }
        } else {
            count[0] = 1;
        }
        int[] first = new int[classes];
        for (int k = 1; k < classes; k++) {
            first[k] = first[k - 1] + count[k - 1];
        }
        return new ClassPartitioner(first, count);
    }

    /** Partitions given to class {@code cls}. */
    public int partitionsOf(int cls) {
        return count[cls];
    }

    /** The class all tiles of partition {@code partition} belong to. */
    public int classOf(int partition) {
        for (int k = count.length - 1; k >= 0; k--) {
            if (count[k] > 0 && partition >= first[k]) {
                return k;
            }
        }
        throw new IllegalArgumentException("no partition " + partition);
    }

    @Override
    public int numPartitions() {
        return total;
    }

    @Override
    public int getPartition(Object key) {
        TileKey k = (TileKey) key;
        if (k.cls() < 0 || k.cls() >= count.length || count[k.cls()] == 0) {
            throw new IllegalArgumentException("tile " + k + " has a class this plan did not count");
        }
        int spread = Math.floorMod(k.image() * 1_000_003 + k.index(), count[k.cls()]);
        return first[k.cls()] + spread;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassPartitioner c && Arrays.equals(first, c.first) && Arrays.equals(count, c.count);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(first) * 31 + Arrays.hashCode(count);
    }

    @Override
    public String toString() {
        return "ClassPartitioner" + Arrays.toString(count);
    }
}
