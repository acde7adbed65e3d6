package org.classsr.cli;

import java.nio.file.Path;

/** Refuses inputs over the configured pixel count before they are decoded or processed. */
final class PixelLimit {

    private PixelLimit() {
    }

    static void check(Path file, int width, int height, long maxPixels) {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new IllegalArgumentException(String.format(
                    "%s: %dx%d = %.1f Mpx is over the limit of %.1f Mpx (classsr.input.max-pixels)",
                    file, width, height, pixels / 1e6, maxPixels / 1e6));
        }
    }
}
