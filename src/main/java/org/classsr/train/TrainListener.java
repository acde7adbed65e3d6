package org.classsr.train;

/** What long dataset and training work tells its caller: progress and notable lines. */
public interface TrainListener {

    /** Nothing is reported. */
    TrainListener SILENT = new TrainListener() {
    };

    /** A task starts (or resumes) with {@code done} of {@code total} units already finished. */
    default void begin(String task, long done, long total) {
    }

    /** {@code n} more units are finished. */
    default void advance(long n) {
    }

    /** A line worth a log entry (checkpoints, class fractions, results). */
    default void message(String line) {
    }

    /** The task ended. */
    default void end() {
    }
}
