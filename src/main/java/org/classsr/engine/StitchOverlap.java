package org.classsr.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stitches one piece of work (the engine: the tiles one branch batch completed) on a background
 * thread while the caller runs the networks on the next: a pipeline of depth one. Pieces (called
 * chunks below) are stitched one at a time, in submission order, each after the
 * previous one has finished, so the stitcher and its sink see the same calls as without overlap.
 * A failure while stitching is thrown by the next {@link #submit} or {@link #finish}. Off ({@code
 * overlap = false}): every chunk is stitched on the caller's thread, as before.
 */
final class StitchOverlap implements AutoCloseable {

    private final ExecutorService worker;
    private Future<?> pending;
    private long workNanos; // written by the worker, read after get(): get() orders it
    private long exposedNanos; // the caller's: waiting for the worker, or stitching itself

    StitchOverlap(boolean overlap) {
        worker = overlap ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "classsr-stitch");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Runs {@code chunk} after the previous one: on the worker when overlapping, else now. */
    void submit(Runnable chunk) {
        long t = System.nanoTime();
        await();
        if (worker == null) {
            timed(chunk);
        } else {
            pending = worker.submit(() -> timed(chunk));
        }
        exposedNanos += System.nanoTime() - t;
    }

    /** Waits for the last chunk, then runs {@code last} (e.g. flushing the final rows) on the caller. */
    void finish(Runnable last) {
        long t = System.nanoTime();
        await();
        timed(last);
        exposedNanos += System.nanoTime() - t;
    }

    /**
     * Nanoseconds the caller spent on stitching: running it, or waiting for the worker. What the
     * image's wall time pays; the rest of {@link #workNanos()} ran beside the networks.
     */
    long exposedNanos() {
        return exposedNanos;
    }

    /** Nanoseconds of stitching work, on whichever thread. */
    long workNanos() {
        return workNanos;
    }

    private void timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        workNanos += System.nanoTime() - t;
    }

    private void await() {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stitching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("stitching failed: " + e.getCause(), e.getCause());
        } finally {
            pending = null;
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
