package org.classsr.image;

/**
 * An image as it came out of a file: its colour planes, its alpha plane if it had one, and enough
 * about the source (bit depth, format) to write a result back the same way.
 *
 * @param color    1 (grey) or 3 (R, G, B) channels, values in [0, 1]
 * @param alpha    one channel of the same size, or {@code null} when the source had no alpha
 * @param bitDepth 8 or 16: the precision of the source samples
 * @param format   lower-case short extension of the source format: "png", "jpg", "tif", "bmp", "webp", ...
 */
public record DecodedImage(FloatImage color, FloatImage alpha, int bitDepth, String format) {

    public DecodedImage {
        if (color == null) {
            throw new IllegalArgumentException("color must not be null");
        }
        if (color.channels() != 1 && color.channels() != 3) {
            throw new IllegalArgumentException("color must have 1 or 3 channels, got " + color.channels());
        }
        if (alpha != null && (alpha.channels() != 1 || alpha.width() != color.width()
                || alpha.height() != color.height())) {
            throw new IllegalArgumentException("alpha must be one channel of " + color.width() + "x"
                    + color.height() + ", got " + alpha);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bitDepth must be 8 or 16, got " + bitDepth);
        }
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("format must be named");
        }
    }

    /** An 8-bit image without alpha, e.g. a network output to be saved as PNG. */
    public static DecodedImage of(FloatImage color) {
        return new DecodedImage(color, null, 8, "png");
    }

    /** The same source description (alpha, depth, format) with other colour pixels, e.g. after upscaling. */
    public DecodedImage withColor(FloatImage newColor, FloatImage newAlpha) {
        return new DecodedImage(newColor, newAlpha, bitDepth, format);
    }

    public int width() {
        return color.width();
    }

    public int height() {
        return color.height();
    }

    public boolean hasAlpha() {
        return alpha != null;
    }
}
