package org.classsr.spark;

/**
 * Bytes a run moved through Spark's shuffle and spilled while sorting (from Spark's task metrics,
 * summed over the run's task attempts by {@link TaskIoListener}).
 */
public record TaskIo(long shuffleBytesWritten, long memoryBytesSpilled, long diskBytesSpilled) {

    public static final TaskIo NONE = new TaskIo(0, 0, 0);

    /** Memory and disk spill together, as the report states it. */
    public long spillBytes() {
        return memoryBytesSpilled + diskBytesSpilled;
    }
}
