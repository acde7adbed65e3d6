package org.classsr.image;

import java.util.Locale;

/**
 * Recognises an image format from its first bytes (the "magic number"), and checks that PNG and
 * JPEG data is complete. Content decides, not the name: object keys and upload names often lie.
 */
final class ImageFormat {

    static final String PNG = "png";
    static final String JPEG = "jpg";
    static final String TIFF = "tif";
    static final String BMP = "bmp";
    static final String WEBP = "webp";
    static final String GIF = "gif";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageFormat() {
    }

    /** The short format name of these bytes, or {@code null} when the signature is not one we know. */
    static String sniff(byte[] b) {
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return PNG;
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (startsWith(b, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(b, 0, new byte[] {'M', 'M', 0, 42})
                || startsWith(b, 0, new byte[] {'I', 'I', 43, 0}) || startsWith(b, 0, new byte[] {'M', 'M', 0, 43})) {
            // 42: classic TIFF; 43: BigTIFF (64-bit offsets, as the Spark job writes outputs over 4 GiB).
            return TIFF;
        }
        if (startsWith(b, 0, new byte[] {'B', 'M'}) && b.length >= 26) {
            return BMP;
        }
        if (startsWith(b, 0, new byte[] {'R', 'I', 'F', 'F'}) && startsWith(b, 8, new byte[] {'W', 'E', 'B', 'P'})) {
            return WEBP;
        }
        if (startsWith(b, 0, new byte[] {'G', 'I', 'F', '8'})) {
            return GIF;
        }
        return null;
    }

    /** The lower-case extension of a name ("jpeg" normalised to "jpg", "tiff" to "tif"), or "" if none. */
    static String extensionOf(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1 || dot == name.length() - 1) {
            return "";
        }
        return canonical(name.substring(dot + 1));
    }

    static String canonical(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "jpeg", "jpe" -> JPEG;
            case "tiff" -> TIFF;
            default -> f;
        };
    }

    /**
     * Why these bytes are an incomplete file, or {@code null} if they look complete. OpenCV decodes a
     * cut JPEG into a half-grey picture without complaint, so this must be checked before decoding.
     */
    static String truncation(byte[] b, String format) {
        if (PNG.equals(format)) {
            return pngTruncation(b);
        }
        if (JPEG.equals(format)) {
            int end = b.length;
            // Some writers and transports pad a file with zeros; the image still ends at its EOI.
            while (end > 2 && b[end - 1] == 0) {
                end--;
            }
            if (end < 4 || (b[end - 2] & 0xFF) != 0xFF || (b[end - 1] & 0xFF) != 0xD9) {
                return "truncated JPEG (no end-of-image marker FF D9)";
            }
        }
        return null;
    }

    /** Walks the PNG chunks: every chunk must fit in the data, and an IEND chunk must come. */
    private static String pngTruncation(byte[] b) {
        long pos = PNG_SIGNATURE.length;
        while (pos + 8 <= b.length) {
            long length = readIntBE(b, (int) pos) & 0xFFFFFFFFL;
            boolean iend = b[(int) pos + 4] == 'I' && b[(int) pos + 5] == 'E' && b[(int) pos + 6] == 'N'
                    && b[(int) pos + 7] == 'D';
            long next = pos + 12 + length;
            if (next > b.length) {
                return "truncated PNG (chunk at byte " + pos + " runs past the end of the data)";
            }
            if (iend) {
                return null;
            }
            pos = next;
        }
        return "truncated PNG (no IEND chunk)";
    }

    static int readIntBE(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static int readLE(byte[] b, int at, int bytes) {
        int v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    /**
     * Width and height from a WebP RIFF header (lossy "VP8 ", lossless "VP8L" or extended "VP8X"),
     * or {@code null} when the header is not one of those or is too short. Needs the first 30 bytes.
     */
    static int[] webpSize(byte[] b) {
        if (b.length < 30 || !WEBP.equals(sniff(b))) {
            return null;
        }
        int d = 20; // first chunk's payload: "RIFF" size "WEBP" fourcc size
        if (startsWith(b, 12, new byte[] {'V', 'P', '8', ' '})) {
            // 3-byte frame tag, then the key-frame start code 9D 01 2A, then 14-bit sizes.
            if ((b[d + 3] & 0xFF) != 0x9D || (b[d + 4] & 0xFF) != 0x01 || (b[d + 5] & 0xFF) != 0x2A) {
                return null;
            }
            return new int[] {readLE(b, d + 6, 2) & 0x3FFF, readLE(b, d + 8, 2) & 0x3FFF};
        }
        if (startsWith(b, 12, new byte[] {'V', 'P', '8', 'L'})) {
            if ((b[d] & 0xFF) != 0x2F) {
                return null;
            }
            int bits = readLE(b, d + 1, 4);
            return new int[] {(bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1};
        }
        if (startsWith(b, 12, new byte[] {'V', 'P', '8', 'X'})) {
            // flags (1 byte) + reserved (3), then canvas width-1 and height-1 as 24-bit little endian.
            return new int[] {readLE(b, d + 4, 3) + 1, readLE(b, d + 7, 3) + 1};
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (b.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
