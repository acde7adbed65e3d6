package org.classsr.engine;

import java.io.Serializable;
import java.util.Arrays;
import org.classsr.model.ClassSrModel;
import org.classsr.model.Macs;
import org.classsr.model.RoutingCost;

/**
 * What one tile costs in one FLOPs convention, in multiply-accumulates: routed to class k (the
 * Class-Module plus branch k), and through the "-O" network (the budget's unit). The same sums as
 * the reports' FLOPs ratios.
 *
 * @param perClass classifier + branch k, per tile
 * @param original the "-O" network, per tile
 */
public record TileCosts(long[] perClass, long original) implements Serializable {

    public TileCosts {
        perClass = perClass.clone();
        if (perClass.length != 3 || original <= 0) {
            throw new IllegalArgumentException("tile costs need 3 classes and a positive \"-O\" cost, got "
                    + Arrays.toString(perClass) + " / " + original);
        }
    }

    /** The costs of a 3-class ClassSR model against its "-O" network. */
    public static TileCosts of(ClassSrModel model, ClassSrModel original, BudgetSettings.Flops flops) {
        if (!model.routed() || model.branches().size() != 3) {
            throw new IllegalArgumentException("a budget needs a ClassSR model with a classifier and 3 classes; '"
                    + model.spec().name() + "' has " + (model.routed() ? model.branches().size() + " classes" : "no classifier"));
        }
        RoutingCost routing = RoutingCost.of(model, original);
        long[] cost = new long[3];
        for (int k = 0; k < 3; k++) {
            cost[k] = in(routing.tile(k), flops);
        }
        return new TileCosts(cost, in(routing.original(), flops));
    }

    private static long in(Macs macs, BudgetSettings.Flops flops) {
        return flops == BudgetSettings.Flops.PAPER ? macs.paper() : macs.executed();
    }

    public long cost(int cls) {
        return perClass[cls];
    }

    @Override
    public long[] perClass() {
        return perClass.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileCosts t && Arrays.equals(perClass, t.perClass) && original == t.original;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perClass) * 31 + Long.hashCode(original);
    }
}
