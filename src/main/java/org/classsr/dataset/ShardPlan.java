package org.classsr.dataset;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.archive.ArchiveMember;

/**
 * One shard to make: its number and its images (indices {@code firstIndex, ...} of the sorted
 * listing). Shard {@code k} always holds listing images {@code [k * perShard, (k + 1) * perShard)},
 * so which images a shard holds does not depend on how the work is spread.
 *
 * @param members where those images that are archive members ({@code data.zip!/DIR/0001.png}) lie
 *                in their archives, as the driver's listing found them, by path
 */
public record ShardPlan(int shard, int firstIndex, List<String> paths, Map<String, ArchiveMember> members)
        implements Serializable {

    public ShardPlan {
        paths = List.copyOf(paths);
        members = new LinkedHashMap<>(members);
    }

    /** Where {@code path} lies in its archive, or null for a plain file. */
    public ArchiveMember member(String path) {
        return members.get(path);
    }

    @Override
    public Map<String, ArchiveMember> members() {
        return Collections.unmodifiableMap(members);
    }

    public static List<ShardPlan> of(List<String> files, int perShard) {
        return of(files, Map.of(), perShard);
    }

    public String name() {
        return String.format("shard-%05d", shard);
    }

    /** The plans of a listing; {@code members} says where its archive members lie. */
    public static List<ShardPlan> of(List<String> files, Map<String, ArchiveMember> members, int perShard) {
        if (perShard < 1) {
            throw new IllegalArgumentException("images per shard must be >= 1, got " + perShard);
        }
        List<ShardPlan> plans = new ArrayList<>();
        for (int first = 0; first < files.size(); first += perShard) {
            List<String> paths = new ArrayList<>(files.subList(first, Math.min(files.size(), first + perShard)));
            Map<String, ArchiveMember> where = new LinkedHashMap<>();
            for (String p : paths) {
                if (members.containsKey(p)) {
                    where.put(p, members.get(p));
                }
            }
            plans.add(new ShardPlan(plans.size(), first, paths, where));
        }
        return plans;
    }
}
