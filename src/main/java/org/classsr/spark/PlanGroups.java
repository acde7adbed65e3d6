package org.classsr.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.archive.ArchiveKind;

/**
 * Inputs as tasks: one task per file or zip/tar member (any executor reads it by offset), but one
 * task per tar.gz with all its members in archive order, since a gzip stream can only be read
 * front to back: such an archive is read once per stage, not once per member.
 */
final class PlanGroups {

    private PlanGroups() {
    }

    static List<List<ImagePlan>> of(List<ImagePlan> plans) {
        List<List<ImagePlan>> groups = new ArrayList<>();
        Map<String, List<ImagePlan>> streams = new LinkedHashMap<>();
        for (ImagePlan p : plans) {
            if (p.member() != null && p.member().kind() == ArchiveKind.TGZ) {
                streams.computeIfAbsent(p.member().archive(), a -> {
                    List<ImagePlan> g = new ArrayList<>();
                    groups.add(g);
                    return g;
                }).add(p);
            } else {
                groups.add(List.of(p));
            }
        }
        for (List<ImagePlan> g : streams.values()) {
            g.sort(Comparator.comparingLong(p -> p.member().offset()));
        }
        return groups;
    }

    /** True for a tar.gz's group, which is read as one stream. */
    static boolean streamed(List<ImagePlan> group) {
        return !group.isEmpty() && group.get(0).member() != null && group.get(0).member().kind() == ArchiveKind.TGZ;
    }
}
