package org.classsr.image;

/**
 * The size and format of an image, read from its header without decoding the pixels, so that a
 * pixel limit can be enforced before a large decode.
 *
 * @param format lower-case short extension: "png", "jpg", "tif", "bmp", "webp", "gif", ...
 */
public record ImageInfo(int width, int height, String format) {

    public ImageInfo {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
    }

    /** Number of pixels, as a long: a header may announce more than an int holds. */
    public long pixels() {
        return (long) width * height;
    }
}
