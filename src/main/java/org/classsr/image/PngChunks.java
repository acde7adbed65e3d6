package org.classsr.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drops a PNG's embedded colour profile ({@code iCCP} chunk) before OpenCV decodes it.
 *
 * <p>Why: pixels are upscaled as stored and OpenCV never applies the profile, so it carries nothing
 * the decoder uses; but libpng checks it and prints {@code libpng warning: iCCP: known incorrect
 * sRGB profile} straight to stderr for the many files (the bundled samples among them) written
 * with an old, slightly wrong sRGB profile. Without the chunk the decoded samples are identical.
 *
 * <p>Layout: an 8-byte signature, then chunks of {@code length (4, big-endian) | type (4) | data |
 * CRC (4)}. The PNG specification puts {@code iCCP} before {@code PLTE} and {@code IDAT}, so only
 * the chunks before the first {@code IDAT} are walked. Anything malformed is returned unchanged,
 * for the decoder to report.
 */
final class PngChunks {

    private static final int SIGNATURE = 8;
    /** Length, type and CRC around each chunk's data. */
    private static final int FRAME = 12;

    private PngChunks() {
    }

    /** {@code png} without its {@code iCCP} chunk; the same array when it has none. */
    static byte[] withoutIccp(byte[] png) {
        int at = SIGNATURE;
        while (at + FRAME <= png.length) {
            long length = readInt(png, at) & 0xFFFFFFFFL;
            long end = at + FRAME + length;
            if (end > png.length) {
                return png;
            }
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("iCCP")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
                out.write(png, 0, at);
                out.write(png, (int) end, png.length - (int) end);
                return out.toByteArray();
            }
            if (type.equals("IDAT") || type.equals("IEND")) {
                return png;
            }
            at = (int) end;
        }
        return png;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
