package org.classsr.engine;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where one image's time went, in nanoseconds: cutting and packing tiles, the classifier, each
 * branch, stitching, and the whole call. What the listed phases do not cover is overhead.
 *
 * <p>The classifier and branch times include their tensor conversion (packing tiles into the batch
 * buffer, NDArray creation, copying outputs back), which is also given on its own so that the
 * forward passes can be told apart from the Java-side work around them.
 *
 * @param classifyConversionNanos the part of {@code classifyNanos} spent in tensor conversion
 * @param branchConversionNanos the part of the branch times spent in tensor conversion (all branches)
 */
public record PhaseTimes(long tilingNanos, long classifyNanos, long[] branchNanos, long stitchNanos, long totalNanos,
        long classifyConversionNanos, long branchConversionNanos) implements Serializable {

    public PhaseTimes {
        branchNanos = branchNanos.clone();
    }

    /** Phase times without a conversion split (conversion counted as 0). */
    public PhaseTimes(long tilingNanos, long classifyNanos, long[] branchNanos, long stitchNanos, long totalNanos) {
        this(tilingNanos, classifyNanos, branchNanos, stitchNanos, totalNanos, 0, 0);
    }

    /** Time in the networks (classifier and branches), tensor conversion included. */
    public long networkNanos() {
        return classifyNanos + Arrays.stream(branchNanos).sum();
    }

    /** Tensor conversion of classifier and branches together. */
    public long conversionNanos() {
        return classifyConversionNanos + branchConversionNanos;
    }

    /** Time in the forward passes alone (network time minus tensor conversion). */
    public long forwardNanos() {
        return networkNanos() - conversionNanos();
    }

    @Override
    public long[] branchNanos() {
        return branchNanos.clone();
    }
}
