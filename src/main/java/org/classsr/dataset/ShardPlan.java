package org.classsr.dataset;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard to make: its number and its images (indices {@code firstIndex, ...} of the sorted
 * listing). Shard {@code k} always holds listing images {@code [k * perShard, (k + 1) * perShard)},
 * so which images a shard holds does not depend on how the work is spread.
 */
public record ShardPlan(int shard, int firstIndex, List<String> paths) implements Serializable {

    public ShardPlan {
        paths = List.copyOf(paths);
    }

    public String name() {
        return String.format("shard-%05d", shard);
    }

    public static List<ShardPlan> of(List<String> files, int perShard) {
        if (perShard < 1) {
            throw new IllegalArgumentException("images per shard must be >= 1, got " + perShard);
        }
        List<ShardPlan> plans = new ArrayList<>();
        for (int first = 0; first < files.size(); first += perShard) {
            plans.add(new ShardPlan(plans.size(), first, new ArrayList<>(files.subList(first,
                    Math.min(files.size(), first + perShard)))));
        }
        return plans;
    }
}
