package org.classsr.image;

import java.nio.file.Path;

/** The pixel limit (classsr.input.max-pixels): inputs over it are refused before they are decoded or processed. */
public final class PixelLimit {

    private PixelLimit() {
    }

    /** Why an image this size is refused, or null if it is within the limit. */
    public static String reason(int width, int height, long maxPixels) {
        long pixels = (long) width * height;
        if (pixels <= maxPixels) {
            return null;
        }
        return String.format("%dx%d = %d pixels is over the limit of %d (classsr.input.max-pixels)",
                width, height, pixels, maxPixels);
    }

    /** @throws IllegalArgumentException naming {@code file} when the image is over the limit */
    public static void check(Path file, int width, int height, long maxPixels) {
        String reason = reason(width, height, maxPixels);
        if (reason != null) {
            throw new IllegalArgumentException(file + ": " + reason);
        }
    }

    /** Reads only the header and refuses the file if over the limit, before anything decodes it. */
    public static ImageInfo checkHeader(Path file, long maxPixels) {
        ImageInfo info = ImageCodec.probe(file);
        check(file, info.width(), info.height(), maxPixels);
        return info;
    }

    /** The limit for HR images whose LR image is limited to {@code maxPixels}; saturates, never overflows. */
    public static long forHr(long maxPixels, int scale) {
        long area = (long) scale * scale;
        return maxPixels > Long.MAX_VALUE / area ? Long.MAX_VALUE : maxPixels * area;
    }
}
