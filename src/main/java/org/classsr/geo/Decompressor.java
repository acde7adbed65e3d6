package org.classsr.geo;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes TIFF compression of one strip or tile: none (1), LZW (5), Deflate (8 and the old 32946)
 * and PackBits (32773). The expected size is known from the layout, so outputs are exact-length
 * (a short chunk is padded with zeros, as libtiff does for truncated strips).
 */
final class Decompressor {

    private Decompressor() {
    }

    static boolean supports(int compression) {
        return compression == 1 || compression == 5 || compression == 8 || compression == 32946
                || compression == 32773;
    }

    static String name(int compression) {
        return switch (compression) {
            case 1 -> "none";
            case 5 -> "LZW";
            case 7 -> "JPEG";
            case 8, 32946 -> "Deflate";
            case 32773 -> "PackBits";
            case 34887 -> "LERC";
            case 50000 -> "ZSTD";
            case 50001 -> "WEBP";
            default -> "code " + compression;
        };
    }

    static byte[] decompress(int compression, byte[] src, int offset, int length, int expected) {
        return switch (compression) {
            case 1 -> copy(src, offset, length, expected);
            case 5 -> lzw(src, offset, length, expected);
            case 8, 32946 -> inflate(src, offset, length, expected);
            case 32773 -> packBits(src, offset, length, expected);
            default -> throw new IllegalArgumentException("unsupported TIFF compression " + name(compression)
                    + " (supported: none, LZW, Deflate, PackBits; e.g. gdal_translate -co COMPRESS=DEFLATE)");
        };
    }

    private static byte[] copy(byte[] src, int offset, int length, int expected) {
        byte[] out = new byte[expected];
        System.arraycopy(src, offset, out, 0, Math.min(length, expected));
        return out;
    }

    private static byte[] inflate(byte[] src, int offset, int length, int expected) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(src, offset, length);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected && !inflater.finished()) {
                int got = inflater.inflate(out, n, expected - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt Deflate data in a TIFF strip or tile (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] packBits(byte[] src, int offset, int length, int expected) {
        byte[] out = new byte[expected];
        int n = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && n < expected) {
            int h = src[i++];
            if (h >= 0) {
                int count = Math.min(h + 1, Math.min(expected - n, end - i));
                System.arraycopy(src, i, out, n, count);
                i += h + 1;
                n += count;
            } else if (h != -128 && i < end) {
                byte v = src[i++];
                for (int k = 0; k < 1 - h && n < expected; k++) {
                    out[n++] = v;
                }
            }
        }
        return out;
    }

    /**
     * TIFF's LZW: codes MSB-first from 9 to 12 bits, 256 clears, 257 ends, and the code width
     * grows one entry early (when the next free entry would need the wider code).
     */
    private static byte[] lzw(byte[] src, int offset, int length, int expected) {
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096];
        int[] lengths = new int[4096];
        byte[] first = new byte[4096];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            lengths[i] = 1;
            prefix[i] = -1;
        }
        byte[] out = new byte[expected];
        int n = 0;
        long bitPos = (long) offset * 8;
        long bitEnd = (long) (offset + length) * 8;
        int width = 9;
        int next = 258;
        int old = -1;
        while (bitPos + width <= bitEnd) {
            int code = 0;
            for (int k = 0; k < width; k++) {
                long p = bitPos + k;
                code = (code << 1) | ((src[(int) (p >>> 3)] >> (7 - (int) (p & 7))) & 1);
            }
            bitPos += width;
            if (code == 257) {
                break;
            }
            if (code == 256) {
                width = 9;
                next = 258;
                old = -1;
                continue;
            }
            int emit;
            if (old == -1) {
                if (code > 255) {
                    throw new IllegalArgumentException("corrupt LZW data in a TIFF strip or tile");
                }
                emit = code;
            } else {
                if (code > next) {
                    throw new IllegalArgumentException("corrupt LZW data in a TIFF strip or tile");
                }
                if (next < 4096) {
                    prefix[next] = old;
                    first[next] = first[old];
                    suffix[next] = code < next ? first[code] : first[old];
                    lengths[next] = lengths[old] + 1;
                    next++;
                }
                emit = code;
            }
            n = write(emit, prefix, suffix, lengths, out, n);
            old = code;
            if (next + 1 >= (1 << width) && width < 12) {
                width++;
            }
        }
        return out;
    }

    /** Writes a table entry's string (walking its prefixes backwards); clipped at the output's end. */
    private static int write(int code, int[] prefix, byte[] suffix, int[] lengths, byte[] out, int n) {
        int len = lengths[code];
        int c = code;
        for (int i = len - 1; i >= 0; i--) {
            if (n + i < out.length) {
                out[n + i] = suffix[c];
            }
            c = prefix[c];
        }
        return Math.min(out.length, n + len);
    }
}
