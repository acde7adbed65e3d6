package org.classsr.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A tile in the compact form it takes through the shuffles: HR tiles into stage 3 at about 1
 * byte per sample instead of a 4-byte float, and LR tiles into stage 2 exactly.
 *
 * <p><b>Mapping.</b> A value v is stored as the integer q = round(v * levels) and read back as
 * q / levels (in float): fixed point, signed, so overshoot beyond [0, 1] is kept (varints make the
 * range free: only the residuals below cost bytes). For |q| &lt; 2^24 the round trip is within
 * {@link #bound(int) 1 / (2 levels)}, and values are clamped beyond {@link #highest(int)}
 * (2^29 - 1 steps: +-131,072 at 4096 levels, far beyond any network's overshoot; an untrained
 * network's reaches tens). NaN and infinities are refused.
 * <ul>
 * <li>HR tiles of 8-bit sources: {@link #HR_LEVELS_8} = 4096, error at most 1/8192, 1/32 of a grey
 * level of 255; of 16-bit sources {@link #HR_LEVELS_16} = 2^18, at most 2^-19, 1/8 of a level of
 * 65535 ({@link #hrLevels(int)}).
 * <li>LR tiles: the source's own grid, 255 or 65535 levels ({@link #encodeExact}): decoded
 * samples are k / 255f or k / 65535f, so the round trip gives back the very same floats.
 * </ul>
 *
 * <p><b>Coding.</b> The integers of each plane are predicted from their left, upper and upper-left
 * neighbours (the median edge detector of LOCO-I / JPEG-LS) and the residuals written as zig-zag
 * varints; this part is lossless, so the bound above is the codec's whole error. Smooth SR outputs
 * leave small residuals: mostly one byte each, which Spark's shuffle compression shrinks further.
 *
 * @param channels planes, each {@code width x height}, in CHW order
 * @param levels steps per unit of the fixed-point mapping
 * @param data the varint residuals
 */
public record CompactTile(int channels, int width, int height, int levels, byte[] data) implements Serializable {

    /** HR levels for sources of 8 bits per sample: error at most 1/8192 (1/32 grey level). */
    public static final int HR_LEVELS_8 = 1 << 12;
    /** HR levels for sources of 16 bits per sample: error at most 2^-19 (1/8 level of 65535). */
    public static final int HR_LEVELS_16 = 1 << 18;

    /** Below this |v * levels|, float rounding gives the same q as the double path. */
    private static final float FLOAT_EXACT = 1 << 22;

    /** Largest |q|: keeps the predictor's a + b - c inside an int. */
    private static final int MAX_Q = (1 << 29) - 1;

    public CompactTile {
        if (channels < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("bad tile shape " + channels + "x" + width + "x" + height);
        }
        if (levels < 1 || levels > (1 << 24)) {
            throw new IllegalArgumentException("levels must be 1..2^24, got " + levels);
        }
    }

    /** The largest round-trip error (for |q| &lt; 2^24): half a step. */
    public static double bound(int levels) {
        return 0.5 / levels;
    }

    /** Highest |value| kept within the bound; beyond it values are clamped to +-this. */
    public static double highest(int levels) {
        return (double) MAX_Q / levels;
    }

    /** Levels for the HR tiles of a source of {@code bitDepth} bits per sample. */
    public static int hrLevels(int bitDepth) {
        return bitDepth > 8 ? HR_LEVELS_16 : HR_LEVELS_8;
    }

    /** The source's own grid: 255 or 65535 levels. */
    public static int sourceLevels(int bitDepth) {
        return bitDepth > 8 ? 65535 : 255;
    }

    /**
     * An LR tile on its source's grid, losslessly: refused if any sample is off the grid (which
     * would mean the decoder changed, not the data).
     */
    public static CompactTile encodeExact(float[] chw, int channels, int width, int height, int bitDepth) {
        CompactTile t = encode(chw, channels, width, height, sourceLevels(bitDepth));
        float[] back = t.decode();
        for (int i = 0; i < chw.length; i++) {
            if (Float.floatToIntBits(back[i]) != Float.floatToIntBits(chw[i])) {
                throw new IllegalArgumentException("sample " + i + " = " + chw[i] + " is not on the " + bitDepth
                        + "-bit grid");
            }
        }
        return t;
    }

    public static CompactTile encode(float[] chw, int channels, int width, int height, int levels) {
        int plane = Math.multiplyExact(width, height);
        if (chw.length != Math.multiplyExact(channels, plane)) {
            throw new IllegalArgumentException("tile has " + chw.length + " samples, expected " + channels + "x"
                    + width + "x" + height);
        }
        // Row by row with two row buffers: the coder runs once per HR tile in the Spark job's branch
        // stage, so it is written for speed (no per-sample calls or capacity checks).
        int[] above = new int[width];
        int[] row = new int[width];
        boolean powerOfTwo = Integer.bitCount(levels) == 1;
        float fl = levels;
        // Worst case 5 bytes per residual; typical about 1.
        Bytes out = new Bytes(chw.length + 16);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int o = c * plane + y * width;
                if (powerOfTwo) {
                    for (int x = 0; x < width; x++) {
                        // v * levels is exact in float on a power-of-two grid, and so are + 0.5 and
                        // floor while |v * levels| < 2^22: the same q as quantize(), about 20% faster
                        // over a tile; NaN, infinities and larger values take quantize().
                        float v = chw[o + x] * fl;
                        row[x] = v > -FLOAT_EXACT && v < FLOAT_EXACT ? (int) Math.floor(v + 0.5f)
                                : quantize(chw[o + x], levels, o + x);
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        row[x] = quantize(chw[o + x], levels, o + x);
                    }
                }
                out.ensure(5 * width);
                if (y == 0) {
                    out.varint(zigzag(row[0]));
                    for (int x = 1; x < width; x++) {
                        out.varint(zigzag(row[x] - row[x - 1]));
                    }
                } else {
                    out.varint(zigzag(row[0] - above[0]));
                    for (int x = 1; x < width; x++) {
                        out.varint(zigzag(row[x] - predict(row[x - 1], above[x], above[x - 1])));
                    }
                }
                int[] t = above;
                above = row;
                row = t;
            }
        }
        return new CompactTile(channels, width, height, levels, out.trimmed());
    }

    public float[] decode() {
        int plane = width * height;
        float[] out = new float[channels * plane];
        int[] above = new int[width];
        int[] row = new int[width];
        float l = levels;
        byte[] d = data;
        int pos = 0;
        try {
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        // Zig-zag varint, one byte in the common case.
                        int z = d[pos++];
                        if (z < 0) {
                            z &= 0x7f;
                            int shift = 7;
                            int b;
                            do {
                                b = d[pos++];
                                z |= (b & 0x7f) << shift;
                                shift += 7;
                            } while (b < 0);
                        }
                        int r = (z >>> 1) ^ -(z & 1);
                        int p;
                        if (y == 0) {
                            p = x == 0 ? 0 : row[x - 1];
                        } else {
                            p = x == 0 ? above[0] : predict(row[x - 1], above[x], above[x - 1]);
                        }
                        row[x] = p + r;
                        // The decoder's own expression for source samples (k / 255f), so LR comes back bit-exact.
                        out[c * plane + y * width + x] = row[x] / l;
                    }
                    int[] t = above;
                    above = row;
                    row = t;
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("compact tile ends early: " + data.length + " bytes for " + out.length
                    + " samples", e);
        }
        if (pos != data.length) {
            throw new IllegalStateException("compact tile has " + (data.length - pos) + " bytes left over");
        }
        return out;
    }

    /** Bytes this tile takes (the residuals). */
    public int size() {
        return data.length;
    }

    /** q = round(v * levels), clamped to +-{@link #MAX_Q}; NaN and infinities refused. */
    private static int quantize(float v, int levels, int index) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("tile sample " + index + " is " + v + ": a network output must be finite");
        }
        long r = Math.round((double) v * levels);
        return (int) Math.max(-MAX_Q, Math.min(MAX_Q, r));
    }

    private static int zigzag(int r) {
        return (r << 1) ^ (r >> 31);
    }

    /**
     * Median edge detector (LOCO-I) from the left (a), upper (b) and upper-left (c) neighbours: the
     * median of a, b and a + b - c, written with min and max only, because on SR outputs its
     * branches would be taken at random (the first row is predicted from the left, the first column
     * from above).
     */
    private static int predict(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), a + b - c));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactTile t && t.channels == channels && t.width == width && t.height == height
                && t.levels == levels && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + channels * 7 + width * 5 + height * 3 + levels;
    }

    @Override
    public String toString() {
        return "CompactTile[" + channels + "x" + width + "x" + height + ", " + levels + " levels, " + data.length + " bytes]";
    }

    /** A growable byte buffer for the varints. */
    private static final class Bytes {
        private byte[] b;
        private int n;

        Bytes(int capacity) {
            b = new byte[capacity];
        }

        /** Room for {@code more} bytes. */
        void ensure(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }

        /** Writes one varint; room must have been {@link #ensure ensured}. */
        void varint(int z) {
            if (z < (1 << 14)) {
                // One or two bytes, the common case, without a branch on which: residuals of SR
                // outputs are one or two bytes at random.
                int two = (127 - z) >>> 31;
                b[n] = (byte) ((z & 0x7f) | (two << 7));
                b[n + 1] = (byte) (z >>> 7);
                n += 1 + two;
                return;
            }
            while ((z & ~0x7f) != 0) {
                b[n++] = (byte) ((z & 0x7f) | 0x80);
                z >>>= 7;
            }
            b[n++] = (byte) z;
        }

        byte[] trimmed() {
            return Arrays.copyOf(b, n);
        }
    }
}
