package org.classsr.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Runs a fault, once, when the first task of a stage whose name contains a marker starts (for
 * the branch stage: "mapPartitionsToPair", the SuperResolveFn step), and counts what Spark saw
 * after it: lost executors, failed tasks and retried stages. The fault gets the task's executor id.
 */
final class StageTrigger extends SparkListener {

    /** The marker of the branch stage (stage 2, {@link SuperResolveFn}) in Spark's stage names. */
    static final String BRANCH_STAGE = "mapPartitionsToPair";

    private final String marker;
    private final Consumer<String> fault;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final AtomicBoolean fired = new AtomicBoolean();
    final AtomicInteger executorsRemoved = new AtomicInteger();
    final AtomicInteger stageRetries = new AtomicInteger();
    final AtomicInteger tasksFailed = new AtomicInteger();
    volatile String firedOnStage;
    volatile String firedOnExecutor;

    private final java.util.function.BooleanSupplier armed;

    StageTrigger(String marker, Consumer<String> fault) {
        this(marker, () -> true, fault);
    }

    /** Fires only once {@code armed} says so (for "the first such task after something happened"). */
    StageTrigger(String marker, java.util.function.BooleanSupplier armed, Consumer<String> fault) {
        this.marker = marker;
        this.armed = armed;
        this.fault = fault;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        names.put(e.stageInfo().stageId(), e.stageInfo().name());
        if (e.stageInfo().attemptNumber() > 0) {
            stageRetries.incrementAndGet();
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        String name = names.getOrDefault(e.stageId(), "");
        if (name.contains(marker) && armed.getAsBoolean() && fired.compareAndSet(false, true)) {
            firedOnStage = name;
            firedOnExecutor = e.taskInfo().executorId();
            fault.accept(firedOnExecutor);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (fired.get() && !(e.reason() instanceof org.apache.spark.Success$)) {
            tasksFailed.incrementAndGet();
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        executorsRemoved.incrementAndGet();
    }

    boolean fired() {
        return fired.get();
    }
}
