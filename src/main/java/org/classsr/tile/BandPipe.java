package org.classsr.tile;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.classsr.image.FloatImage;

/**
 * Hands bands to another sink on a thread of its own, so that the stitching of the next rows and
 * the encoding of the last ones (PNG filtering and deflate) run at the same time. A task of the
 * Spark job's write stage is otherwise one thread: the largest image's task, which ends the job,
 * left the second core idle while it encoded.
 *
 * <p>At most {@code depth} bands wait (each is handed over, {@link BandSink}), which bounds the
 * memory. Bands reach the sink in the order given. A failure of the sink is thrown by the next
 * {@link #accept} or by {@link #finish}; bands after it are dropped.
 */
public final class BandPipe implements BandSink, AutoCloseable {

    private static final Band END = new Band(-1, null);

    private record Band(int y0, FloatImage image) {
    }

    private final BandSink sink;
    private final BlockingQueue<Band> queue;
    private final Thread worker;
    private volatile Throwable failure;
    private boolean ended;

    /** Starts the thread ({@code name}, a daemon) that feeds {@code sink}. */
    public BandPipe(BandSink sink, int depth, String name) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive, got " + depth);
        }
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.worker = new Thread(this::drain, name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void drain() {
        try {
            while (true) {
                Band band = queue.take();
                if (band == END) {
                    return;
                }
                if (failure == null) {
                    try {
                        sink.accept(band.y0(), band.image());
                    } catch (Throwable t) { // kept for the producer's thread, which rethrows it
                        failure = t;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: the producer no longer waits
        }
    }

    @Override
    public void accept(int y0, FloatImage band) {
        if (ended) {
            throw new IllegalStateException("band pipe has ended; band at row " + y0 + " came after");
        }
        rethrow();
        put(new Band(y0, band));
    }

    /** Waits until the sink has taken every band; throws its failure, if any. */
    public void finish() {
        if (!ended) {
            ended = true;
            put(END);
        }
        join();
        rethrow();
    }

    /** Ends the thread; bands not yet taken are dropped. Safe after {@link #finish}. */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            queue.clear();
            queue.add(END); // room: this thread is the only producer
        }
        join();
    }

    private void put(Band band) {
        try {
            queue.put(band);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new IllegalStateException("interrupted while handing a band to " + worker.getName(), e);
        }
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
