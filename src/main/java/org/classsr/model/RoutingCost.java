package org.classsr.model;

import java.io.Serializable;
import java.util.List;

/**
 * The one cost model of routing: a tile of class k costs the Class-Module plus branch k, and the
 * budget's unit is the "-O" network on the same tile. Every report's FLOPs and FLOPs ratios come
 * from here, so that the engine, calibration, training, the Spark report and bench agree.
 *
 * @param classifier per tile (zero for a model without a Class-Module)
 * @param branches per tile, by class
 * @param original the "-O" network per tile, or null where it is not known
 */
public record RoutingCost(Macs classifier, List<Macs> branches, Macs original) implements Serializable {

    public RoutingCost {
        branches = List.copyOf(branches);
    }

    /** The costs of {@code model}'s networks; {@code original} may be null. */
    public static RoutingCost of(ClassSrModel model, ClassSrModel original) {
        LazyNetwork c = model.classifier();
        return new RoutingCost(c == null ? Macs.ZERO : c.macs(),
                model.branches().stream().map(LazyNetwork::macs).toList(),
                original == null ? null : original.branches().get(0).macs());
    }

    /** The same networks measured against another "-O" cost per tile. */
    public RoutingCost withOriginal(Macs perTile) {
        return new RoutingCost(classifier, branches, perTile);
    }

    public int classes() {
        return branches.size();
    }

    /** One tile routed to class k. */
    public Macs tile(int k) {
        return classifier.plus(branches.get(k));
    }

    /** All tiles, given how many went to each class. */
    public Macs total(int[] tilesPerClass) {
        Macs sum = Macs.ZERO;
        for (int k = 0; k < tilesPerClass.length && k < branches.size(); k++) {
            sum = sum.plus(tile(k).times(tilesPerClass[k]));
        }
        return sum;
    }

    /** All tiles, given the class of each. */
    public Macs totalOf(int[] tileClasses) {
        return total(ClassCounts.perClass(tileClasses, classes()));
    }

    /** The paper-FLOPs ratio against "-O" of routing these shares of the tiles to each class. */
    public double paperRatio(double[] fractions) {
        double macs = classifier.paper();
        for (int k = 0; k < fractions.length; k++) {
            macs += fractions[k] * branches.get(k).paper();
        }
        return macs / original.paper();
    }
}
