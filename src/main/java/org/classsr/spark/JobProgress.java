package org.classsr.spark;

import java.io.PrintWriter;
import org.apache.spark.SparkContext;

/**
 * Progress on the driver: tasks count tiles classified, tiles super-resolved and images written
 * in accumulators (merged as tasks finish); a daemon thread prints them against the totals.
 */
public final class JobProgress implements AutoCloseable {

    private final JobCounters counters;
    private final PrintWriter out;
    private final Thread thread;
    private volatile long tiles;
    private volatile long images;

    public JobProgress(SparkContext sc, PrintWriter out, int seconds) {
        this.counters = JobCounters.register(sc);
        this.out = out;
        if (seconds > 0 && out != null) {
            thread = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(seconds * 1000L);
                        print();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "classsr-progress");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    public void totals(long totalTiles, long totalImages) {
        this.tiles = totalTiles;
        this.images = totalImages;
    }

    /** What the tasks count into. */
    public JobCounters counters() {
        return counters;
    }

    public String line() {
        return String.format("progress: tiles classified %d/%d, super-resolved %d/%d, images written %d/%d",
                counters.classified().value(), tiles, counters.superResolved().value(), tiles,
                counters.written().value(), images);
    }

    public void print() {
        if (out != null) {
            out.println(line());
            out.flush();
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
