package org.classsr.spark;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.Partitioner;

/**
 * The skew-aware repartition by class: every partition holds tiles of one class only, and each
 * class gets partitions in proportion to its work, its tile count times its branch's cost per
 * tile (at least one partition if it has any tiles), so that the tasks take about the same time:
 * the usually large "simple" class is spread over many tasks, the few "hard" tiles with the
 * widest branch get more partitions than their count alone would give, and every task runs one
 * branch.
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

    /** Waves of tasks the branch stage runs at least, so that no slot waits long for the last task. */
    static final int MIN_WAVES = 3;

    /**
     * Partitions for the branch stage: one per {@code tilesPerPartition} tiles, at least
     * {@link #MIN_WAVES} per task slot and one per non-empty class, rounded up to whole waves over
     * the slots, never more than the tiles. Why three waves: a branch's time per tile follows its
     * MACs only roughly (on 2 cores FSRCNN's simple branch took 1.8 ms a tile, the hard one 2.6 ms,
     * for 2.6x the MACs: the per-tile work around the network is a large part), so a plan of
     * exactly one wave is as uneven as that error; smaller tasks even it out.
     */
    public static int partitionCount(long tiles, int tilesPerPartition, int slots, int nonEmptyClasses) {
        int s = Math.max(1, slots);
        long wanted = Math.max(Math.max((tiles + tilesPerPartition - 1) / tilesPerPartition, (long) MIN_WAVES * s),
                nonEmptyClasses);
        long rounded = (wanted + s - 1) / s * s;
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.min(rounded, Math.max(tiles, 1)));
    }

    /** {@link #plan(Map, double[], int)} with the same cost for every class: shares of the tiles. */
    public static ClassPartitioner plan(Map<Integer, Long> tilesPerClass, int classes, int partitions) {
        double[] same = new double[classes];
        Arrays.fill(same, 1);
        return plan(tilesPerClass, same, partitions);
    }

    /**
     * Plans {@code partitions} partitions (or more: one per non-empty class at least; fewer when
     * there are fewer tiles) over the classes so that the largest work of a partition, tiles times
     * {@code costPerTile[k]} (any unit: the branches' executed MACs per tile) over the class's
     * partitions, is as small as it can be.
     */
    public static ClassPartitioner plan(Map<Integer, Long> tilesPerClass, double[] costPerTile, int partitions) {
        int classes = costPerTile.length;
        for (double c : costPerTile) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("costs per tile must be positive, got " + Arrays.toString(costPerTile));
            }
        }
        long[] tiles = new long[classes];
        long totalTiles = 0;
        double[] n = new double[classes];
        double sum = 0;
        for (Map.Entry<Integer, Long> e : tilesPerClass.entrySet()) {
            if (e.getKey() >= 0 && e.getKey() < classes) {
                tiles[e.getKey()] = e.getValue();
                totalTiles += e.getValue();
                n[e.getKey()] = e.getValue() * costPerTile[e.getKey()];
                sum += n[e.getKey()];
            }
        }
        int[] count = new int[classes];
        int nonEmpty = (int) Arrays.stream(n).filter(v -> v > 0).count();
        int p = Math.max(Math.max(1, partitions), nonEmpty);
        if (sum > 0) {
            p = (int) Math.min(p, totalTiles);
            // One partition per non-empty class, then each next one to the class whose tasks would
            // otherwise do the most work (the largest work per partition), never more than its tiles.
            int given = 0;
            for (int k = 0; k < classes; k++) {
                if (n[k] > 0) {
                    count[k] = 1;
                    given++;
                }
            }
            while (given < p) {
                int best = -1;
                for (int k = 0; k < classes; k++) {
                    if (count[k] > 0 && count[k] < tiles[k]
                            && (best < 0 || n[k] / count[k] > n[best] / count[best])) {
                        best = k;
                    }
                }
                if (best < 0) {
                    break;
                }
                count[best]++;
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
