package org.classsr.spark;

import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Sums Spark's task metrics over one run's tasks, on the driver: shuffle bytes written and bytes
 * spilled (memory and disk), every task attempt counted (a retried task wrote its bytes too).
 * A run's stages are recognised by a local property set on the submitting thread, so other jobs
 * on a shared session are not counted. {@link #close()} waits for the listener bus to deliver the
 * run's last task ends, then removes the listener.
 */
final class TaskIoListener extends SparkListener implements AutoCloseable {

    private static final String RUN = "classsr.run";

    private final SparkContext sc;
    private final String run = UUID.randomUUID().toString();
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final LongAdder shuffleWritten = new LongAdder();
    private final LongAdder memorySpilled = new LongAdder();
    private final LongAdder diskSpilled = new LongAdder();
    private TaskIo result;

    TaskIoListener(SparkContext sc) {
        this.sc = sc;
        sc.addSparkListener(this);
        sc.setLocalProperty(RUN, run);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        Properties p = event.properties();
        if (p != null && run.equals(p.getProperty(RUN))) {
            stages.add(event.stageInfo().stageId());
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        TaskMetrics m = event.taskMetrics();
        if (m == null || !stages.contains(event.stageId())) {
            return;
        }
        shuffleWritten.add(m.shuffleWriteMetrics().bytesWritten());
        memorySpilled.add(m.memoryBytesSpilled());
        diskSpilled.add(m.diskBytesSpilled());
    }

    /** The sums so far; after {@link #close()}, the run's totals. */
    TaskIo totals() {
        return result != null ? result
                : new TaskIo(shuffleWritten.sum(), memorySpilled.sum(), diskSpilled.sum());
    }

    @Override
    public void close() {
        if (result != null) {
            return;
        }
        sc.setLocalProperty(RUN, null);
        try {
            // Task-end events reach listeners asynchronously, after the action has returned.
            sc.listenerBus().waitUntilEmpty(30_000);
        } catch (TimeoutException e) {
            // Totals so far; the report then undercounts rather than failing the job.
        }
        result = totals();
        sc.removeSparkListener(this);
    }
}
