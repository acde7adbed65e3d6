package org.classsr.cli;

import java.nio.file.Path;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageInfo;

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

    /** Reads only the header and refuses the file if over the limit, before anything decodes it. */
    static ImageInfo checkHeader(Path file, long maxPixels) {
        ImageInfo info = ImageCodec.probe(file);
        check(file, info.width(), info.height(), maxPixels);
        return info;
    }

    /** The limit for HR images whose LR image is limited to {@code maxPixels}; saturates, never overflows. */
    static long forHr(long maxPixels, int scale) {
        long area = (long) scale * scale;
        return maxPixels > Long.MAX_VALUE / area ? Long.MAX_VALUE : maxPixels * area;
    }
}
