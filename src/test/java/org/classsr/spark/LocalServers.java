package org.classsr.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** The servers the Spark tests run as processes of their own on 127.0.0.1 (S3Proxy, a standalone cluster). */
final class LocalServers {

    private LocalServers() {
    }

    /** A port that is free on the loopback address now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Waits up to {@code seconds} for {@code port} on 127.0.0.1 to take a connection: true once it does; false when
     * {@code process} exits first (see {@link Process#isAlive()}) or the time runs out.
     */
    static boolean awaitPort(Process process, int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    /** Stops {@code process}: asked first, killed when it has not exited after 10 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
