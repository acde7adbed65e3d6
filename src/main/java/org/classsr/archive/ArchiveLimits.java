package org.classsr.archive;

/**
 * What a member may unpack to, so that a small archive cannot fill an executor's memory (a zip
 * bomb). Both the size a member declares and the bytes it actually yields are counted.
 *
 * @param maxBytes the most uncompressed bytes one member may have
 * @param maxRatio the most uncompressed bytes per stored byte, checked once a member (or a
 *     tar.gz stream) is past {@link #RATIO_FLOOR} bytes
 */
public record ArchiveLimits(long maxBytes, double maxRatio) {

    /**
     * Images compress little: PNG, JPEG and WebP are compressed already (ratio about 1), and even
     * uncompressed BMP or TIFF of real pictures deflate 2-10 times. Only flat synthetic pictures
     * come near deflate's own ceiling of 1032; 200 leaves them room and refuses the rest.
     */
    public static final double DEFAULT_MAX_RATIO = 200;

    /** Below this many bytes a member cannot hurt, whatever its ratio. */
    public static final long RATIO_FLOOR = 1 << 20;

    /** Room for an image's metadata (ICC profiles, EXIF, previews) beyond its pixels. */
    private static final long METADATA = 16L << 20;

    /** Bytes held in one array at most. */
    private static final long ARRAY_MAX = Integer.MAX_VALUE - 8;

    public ArchiveLimits {
        if (maxBytes <= 0 || maxRatio <= 1) {
            throw new IllegalArgumentException("archive limits must be positive: " + maxBytes + " bytes, ratio " + maxRatio);
        }
    }

    /**
     * The limits for inputs of at most {@code maxPixels} pixels: 8 bytes a pixel (16-bit RGBA,
     * uncompressed, the largest a stored image takes) plus metadata.
     */
    public static ArchiveLimits forPixels(long maxPixels) {
        long bytes = maxPixels > (ARRAY_MAX - METADATA) / 8 ? ARRAY_MAX : maxPixels * 8 + METADATA;
        return new ArchiveLimits(bytes, DEFAULT_MAX_RATIO);
    }

    /** Refuses a member by what it declares, before any of it is read. */
    public void checkDeclared(long size, long storedSize) throws ArchiveException {
        checkSize(size, "declares");
        checkRatio(size, storedSize, "declares");
    }

    /** Refuses a member once it has yielded {@code size} bytes out of {@code storedSize}. */
    public void checkSize(long size, String verb) throws ArchiveException {
        if (size > maxBytes) {
            throw new ArchiveException(String.format("member %s %,d bytes uncompressed, over the %,d-byte limit"
                    + " (8 bytes a pixel at classsr.input.max-pixels, plus metadata)", verb, size, maxBytes));
        }
    }

    public void checkRatio(long size, long storedSize, String verb) throws ArchiveException {
        if (size > RATIO_FLOOR && size > maxRatio * Math.max(storedSize, 1)) {
            throw new ArchiveException(String.format("member %s %,d bytes from %,d stored (%.0f:1), far beyond what"
                    + " images compress to (at most %.0f:1): refused as a possible zip bomb", verb, size, storedSize,
                    size / (double) Math.max(storedSize, 1), maxRatio));
        }
    }
}
