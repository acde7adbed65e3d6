package org.classsr.dataset;

/** What dataset making tells its caller: progress over images and notable lines (skipped images). */
public interface DatasetListener {

    /** Nothing is reported. */
    DatasetListener SILENT = new DatasetListener() {
    };

    /** A task starts (or resumes) with {@code done} of {@code total} units already finished. */
    default void begin(String task, long done, long total) {
    }

    /** {@code n} more units are finished. */
    default void advance(long n) {
    }

    /** A line worth a log entry. */
    default void message(String line) {
    }

    /** The task ended. */
    default void end() {
    }
}
