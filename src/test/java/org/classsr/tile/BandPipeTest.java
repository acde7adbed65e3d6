package org.classsr.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.classsr.image.FloatImage;
import org.junit.jupiter.api.Test;

class BandPipeTest {

    private static FloatImage band(int rows) {
        return new FloatImage(4, rows, 1, new float[4 * rows]);
    }

    @Test
    void everyBandReachesTheSinkInOrderOnTheWorkerThread() {
        List<Integer> rows = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        List<FloatImage> given = new ArrayList<>();
        List<FloatImage> received = Collections.synchronizedList(new ArrayList<>());
        try (BandPipe pipe = new BandPipe((y0, b) -> {
            rows.add(y0);
            received.add(b);
            threads.add(Thread.currentThread().getName());
        }, 2, "test-band-writer")) {
            for (int y = 0; y < 100; y += 5) {
                FloatImage b = band(5);
                given.add(b);
                pipe.accept(y, b);
            }
            pipe.finish();
            // finish waits for the sink: everything has arrived when it returns.
            assertEquals(20, rows.size());
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(5 * i, rows.get(i));
            assertSame(given.get(i), received.get(i), "the band is handed over, not copied");
        }
        assertTrue(threads.stream().allMatch("test-band-writer"::equals), threads.toString());
        assertNotEquals("test-band-writer", Thread.currentThread().getName());
    }

    @Test
    void aFailingSinkIsReportedByFinishAndTheProducerNeverBlocks() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            BandPipe pipe = new BandPipe((y0, b) -> {
                if (y0 == 10) {
                    throw new IllegalStateException("disk full at row " + y0);
                }
            }, 1, "test-band-writer");
            // The producer goes on (bands after the failure are dropped, or it sees the failure).
            IllegalStateException seen = null;
            for (int y = 0; y < 1000 && seen == null; y += 10) {
                try {
                    pipe.accept(y, band(10));
                } catch (IllegalStateException e) {
                    seen = e;
                }
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, pipe::finish);
            assertEquals("disk full at row 10", e.getMessage());
            if (seen != null) {
                assertSame(e, seen);
            }
            pipe.close();
        });
    }

    @Test
    void closeWithoutFinishEndsTheThreadAndRefusesMoreBands() {
        CountDownLatch inSink = new CountDownLatch(1);
        List<Integer> rows = Collections.synchronizedList(new ArrayList<>());
        BandPipe pipe = new BandPipe((y0, b) -> {
            rows.add(y0);
            inSink.countDown();
            try {
                Thread.sleep(50); // a slow writer: bands wait in the queue
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 2, "test-band-writer");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            pipe.accept(0, band(1));
            inSink.await();
            pipe.accept(1, band(1));
            pipe.accept(2, band(1));
            pipe.close(); // an image that failed elsewhere: no finish
        });
        // Whatever reached the sink came in order, from the first band on.
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i));
        }
        assertThrows(IllegalStateException.class, () -> pipe.accept(3, band(1)), "closed: no more bands");
        pipe.close(); // twice is harmless
    }
}
