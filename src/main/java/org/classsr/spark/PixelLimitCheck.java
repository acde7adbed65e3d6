package org.classsr.spark;

/** The pixel limit (classsr.input.max-pixels), as a reason or null. */
final class PixelLimitCheck {

    private PixelLimitCheck() {
    }

    static String reason(int width, int height, long maxPixels) {
        long pixels = (long) width * height;
        if (pixels <= maxPixels) {
            return null;
        }
        return String.format("%dx%d = %d pixels is over the limit of %d (classsr.input.max-pixels)",
                width, height, pixels, maxPixels);
    }
}
