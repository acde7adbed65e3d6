package org.classsr.spark;

import org.apache.spark.api.java.function.Function;
import org.classsr.engine.BudgetPlan;

/**
 * Routes each tile by the budget's plan, from the logits it kept since stage 1 (no second look at
 * the pixels), through the same rule as the one-JVM engine ({@link org.classsr.engine.BudgetCut}).
 * Failure records pass through.
 */
public final class RouteFn implements Function<TileRecord, TileRecord> {

    private final BudgetPlan plan;
    /** The plan's position of each image id (-1: no tiles scored). */
    private final int[] position;

    public RouteFn(BudgetPlan plan, int[] position) {
        this.plan = plan;
        this.position = position.clone();
    }

    @Override
    public TileRecord call(TileRecord r) {
        if (r.failed()) {
            return r;
        }
        float[] l = r.logits();
        return r.routed(plan.classOf(position[r.image()], r.index(), l[0], l[1], l[2]));
    }
}
