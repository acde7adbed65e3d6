package org.classsr.model;

import java.io.Serializable;

/**
 * Multiply-accumulates in both conventions: executed (what the hardware runs) and paper (the
 * ClassSR table's count). FLOPs = 2 x MACs.
 */
public record Macs(long executed, long paper) implements Serializable {

    public static final Macs ZERO = new Macs(0, 0);

    public Macs plus(Macs other) {
        return new Macs(executed + other.executed, paper + other.paper);
    }

    public Macs times(long n) {
        return new Macs(n * executed, n * paper);
    }

    public long executedFlops() {
        return 2 * executed;
    }

    public long paperFlops() {
        return 2 * paper;
    }

    /** This cost over {@code base}'s, paper convention. */
    public double paperRatio(Macs base) {
        return (double) paper / base.paper;
    }

    /** This cost over {@code base}'s, executed convention. */
    public double executedRatio(Macs base) {
        return (double) executed / base.executed;
    }
}
