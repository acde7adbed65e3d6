package org.classsr.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.classsr.archive.ArchiveLimits;
import org.classsr.archive.TgzReader;

/**
 * On an executor: probes one task's inputs ({@link PlanGroups}): each with {@link ProbeFn}, a
 * tar.gz's members from one pass over its stream. A member that cannot be read fails alone; the
 * stream goes on to the next.
 */
public final class ProbeGroupFn implements FlatMapFunction<List<ImagePlan>, ProbeResult> {

    private final ProbeFn probe;
    private final long maxPixels;

    public ProbeGroupFn(long maxPixels) {
        this.probe = new ProbeFn(maxPixels);
        this.maxPixels = maxPixels;
    }

    @Override
    public Iterator<ProbeResult> call(List<ImagePlan> group) {
        List<ProbeResult> results = new ArrayList<>();
        if (!PlanGroups.streamed(group)) {
            for (ImagePlan plan : group) {
                results.add(probe.call(plan));
            }
            return results.iterator();
        }
        String archive = group.get(0).member().archive();
        try (TgzReader reader = new TgzReader(archive, HadoopFiles.conf(), ArchiveLimits.forPixels(maxPixels))) {
            for (ImagePlan plan : group) {
                try {
                    byte[] bytes = reader.read(plan.member());
                    results.add(probe.probe(plan, bytes, () -> bytes));
                } catch (IOException | RuntimeException e) {
                    results.add(new ProbeResult(plan.id(), 0, 0, null, Failures.reason(e, plan.input())));
                }
            }
        } catch (IOException e) {
            for (ImagePlan plan : group.subList(results.size(), group.size())) {
                results.add(new ProbeResult(plan.id(), 0, 0, null, Failures.reason(e, plan.input())));
            }
        }
        return results.iterator();
    }
}
