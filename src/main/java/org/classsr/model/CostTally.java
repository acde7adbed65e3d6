package org.classsr.model;

/**
 * Sums over images for the reports: tiles per class, ClassSR's MACs, and the "-O" network's MACs
 * where it ran too. Not thread-safe.
 */
public final class CostTally {

    private final long[] tilesPerClass;
    private Macs macs = Macs.ZERO;
    private Macs original = Macs.ZERO;

    public CostTally(int classes) {
        tilesPerClass = new long[classes];
    }

    /** One image routed by ClassSR. */
    public void add(int[] perClass, Macs cost) {
        for (int k = 0; k < perClass.length && k < tilesPerClass.length; k++) {
            tilesPerClass[k] += perClass[k];
        }
        macs = macs.plus(cost);
    }

    /** The "-O" network on one image. */
    public void addOriginal(Macs cost) {
        original = original.plus(cost);
    }

    public long tiles() {
        return java.util.Arrays.stream(tilesPerClass).sum();
    }

    public long[] tilesPerClass() {
        return tilesPerClass.clone();
    }

    public double[] fractions() {
        return ClassCounts.fractions(tilesPerClass);
    }

    public Macs macs() {
        return macs;
    }

    public Macs original() {
        return original;
    }

    public double paperFlopsRatio() {
        return macs.paperRatio(original);
    }

    public double executedFlopsRatio() {
        return macs.executedRatio(original);
    }
}
