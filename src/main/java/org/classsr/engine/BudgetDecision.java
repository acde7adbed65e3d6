package org.classsr.engine;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.model.ClassCounts;

/**
 * The budget's outcome over one scope (the job, or one image).
 *
 * @param name "job", or the image's name
 * @param tiles tiles in the scope
 * @param asked the budget asked, a fraction of the "-O" network's cost
 * @param reached the cost reached, same unit (at most {@code asked} unless clamped)
 * @param bias the knob b of class-bias [b, 0, -b] that gives this routing (see {@link BudgetRouter})
 * @param tiesSplit true when tiles with edges exactly at b were split by position (image, tile)
 * @param tilesPerClass simple, medium, hard
 * @param allSimple the cost of every tile simple (the lowest reachable)
 * @param allHard the cost of every tile hard (the highest reachable)
 * @param clamped why the budget could not be met, or null
 * @param cut the last event applied (what executors route by)
 */
public record BudgetDecision(String name, long tiles, double asked, double reached, double bias, boolean tiesSplit,
        long[] tilesPerClass, double allSimple, double allHard, String clamped, BudgetCut cut) implements Serializable {

    public BudgetDecision {
        tilesPerClass = tilesPerClass.clone();
    }

    @Override
    public long[] tilesPerClass() {
        return tilesPerClass.clone();
    }

    public double[] classFraction() {
        return ClassCounts.fractions(tilesPerClass, tiles);
    }

    /** The report's row for this scope (an entry of the "budget" object's "decisions"). */
    public Map<String, Object> toJson(List<String> classNames) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scope", name);
        r.put("tiles", tiles);
        r.put("ratio_reached", reached);
        r.put("bias", List.of(bias, 0.0, -bias));
        r.put("ties_split_by_position", tiesSplit);
        r.put("class_fraction", ClassCounts.byName(classNames, classFraction()));
        r.put("all_simple_ratio", allSimple);
        r.put("all_hard_ratio", allHard);
        return r;
    }
}
