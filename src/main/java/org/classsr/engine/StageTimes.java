package org.classsr.engine;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where one image's time went, in nanoseconds: cutting and packing tiles, the classifier, each
 * branch, stitching, and the whole call. What the listed stages do not cover is overhead.
 */
public record StageTimes(long tilingNanos, long classifyNanos, long[] branchNanos, long stitchNanos, long totalNanos)
        implements Serializable {

    public StageTimes {
        branchNanos = branchNanos.clone();
    }

    /** Time in network forward passes (classifier and branches). */
    public long networkNanos() {
        return classifyNanos + Arrays.stream(branchNanos).sum();
    }

    @Override
    public long[] branchNanos() {
        return branchNanos.clone();
    }
}
