package org.classsr.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a chunk's branch batches run so that its tiles can be stitched while the
 * networks are still running. Each class's tiles (in tile order) are cut into batches of up to
 * {@code batchSize}, exactly as running each class's branch over all its tiles would cut them, so
 * every batch, and hence every output value, is the same; only the order of the batches changes:
 * always the batch holding the lowest tile index not yet computed. After each batch the tiles
 * {@code [0, frontier)} are all computed, in row-major order, and can go to the stitcher, whose
 * rows must arrive in order; the frontier moves forward batch by batch instead of only at the end.
 */
final class BranchSchedule {

    /**
     * One forward pass: members {@code from .. from + count - 1} of class {@code cls}, after which
     * every tile below {@code frontier} is computed.
     */
    record Batch(int cls, int from, int count, int frontier) {
    }

    private final int[][] members;
    private final int[] slot;
    private final List<Batch> batches;

    private BranchSchedule(int[][] members, int[] slot, List<Batch> batches) {
        this.members = members;
        this.slot = slot;
        this.batches = batches;
    }

    /** The schedule for tiles with classes {@code tileClasses} (each in [0, classes)). */
    static BranchSchedule of(int[] tileClasses, int classes, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        int n = tileClasses.length;
        int[] counts = new int[classes];
        for (int c : tileClasses) {
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("class " + c + " is not in [0, " + classes + ")");
            }
            counts[c]++;
        }
        int[][] members = new int[classes][];
        for (int k = 0; k < classes; k++) {
            members[k] = new int[counts[k]];
        }
        int[] slot = new int[n];
        int[] fill = new int[classes];
        for (int i = 0; i < n; i++) {
            int k = tileClasses[i];
            slot[i] = fill[k];
            members[k][fill[k]++] = i;
        }
        // Greedy: run the class whose next uncomputed member is the lowest tile index.
        int[] done = new int[classes];
        List<Batch> batches = new ArrayList<>();
        while (true) {
            int next = -1;
            for (int k = 0; k < classes; k++) {
                if (done[k] < counts[k] && (next < 0 || members[k][done[k]] < members[next][done[next]])) {
                    next = k;
                }
            }
            if (next < 0) {
                break;
            }
            int count = Math.min(batchSize, counts[next] - done[next]);
            int from = done[next];
            done[next] += count;
            int frontier = n;
            for (int k = 0; k < classes; k++) {
                if (done[k] < counts[k]) {
                    frontier = Math.min(frontier, members[k][done[k]]);
                }
            }
            batches.add(new Batch(next, from, count, frontier));
        }
        return new BranchSchedule(members, slot, List.copyOf(batches));
    }

    /** The tile indices of class {@code cls}, ascending. */
    int[] members(int cls) {
        return members[cls];
    }

    /** Where tile {@code i} sits among its class's members. */
    int slot(int i) {
        return slot[i];
    }

    /** The forward passes, in the order to run them. */
    List<Batch> batches() {
        return batches;
    }
}
