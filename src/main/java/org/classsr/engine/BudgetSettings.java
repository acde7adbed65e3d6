package org.classsr.engine;

import java.io.Serializable;
import java.util.Locale;

/**
 * A compute budget for the tiles of a run (classsr.engine.budget): after the Class-Module has
 * scored every tile, the class-bias [b, 0, -b] is chosen so that the tiles cost {@code ratio} of
 * the "-O" network in the {@code flops} convention, over the whole job or over each image.
 *
 * @param ratio the budget as a fraction of the "-O" network's cost; 0 = no budget (route by the
 *     configured class-bias)
 */
public record BudgetSettings(double ratio, Flops flops, Scope scope) implements Serializable {

    /** Which FLOPs the budget counts. */
    public enum Flops {
        /** The paper's convention (comparable with the ClassSR tables). */
        PAPER,
        /** What the hardware executes. */
        EXECUTED
    }

    /** Over which tiles the budget must hold. */
    public enum Scope {
        /** All tiles of the run together: hard images may take more, easy ones less. */
        JOB,
        /** Every image on its own. */
        IMAGE
    }

    public BudgetSettings {
        if (!Double.isFinite(ratio) || ratio < 0) {
            throw new IllegalArgumentException("classsr.engine.budget.ratio must be a number >= 0 (0 = no budget), got "
                    + ratio);
        }
        if (flops == null || scope == null) {
            throw new IllegalArgumentException("classsr.engine.budget needs flops (paper | executed) and scope (job | image)");
        }
    }

    public static BudgetSettings off() {
        return new BudgetSettings(0, Flops.PAPER, Scope.JOB);
    }

    public boolean enabled() {
        return ratio > 0;
    }

    public BudgetSettings withRatio(double newRatio) {
        return new BudgetSettings(newRatio, flops, scope);
    }

    /** Parses "paper" / "executed" (any case). */
    public static Flops flops(String name) {
        try {
            return Flops.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("classsr.engine.budget.flops must be paper or executed, got '" + name + "'", e);
        }
    }

    /** Parses "job" / "image" (any case). */
    public static Scope scope(String name) {
        try {
            return Scope.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("classsr.engine.budget.scope must be job or image, got '" + name + "'", e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "budget %.3f of \"-O\" (%s FLOPs, per %s)", ratio,
                flops.name().toLowerCase(Locale.ROOT), scope.name().toLowerCase(Locale.ROOT));
    }
}
