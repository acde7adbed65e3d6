package org.classsr.train;

/**
 * The eight flips and 90-degree rotations of a square CHW image, as upstream's augmentation
 * ({@code hflip}, {@code vflip}, {@code rot90} = transpose, applied in that order). Operation
 * {@code op} in 0..7: bit 0 = horizontal flip, bit 1 = vertical flip, bit 2 = transpose.
 *
 * <p>Applying the same op to an HR sub-image of side {@code s*k} and its LR sub-image of side
 * {@code k} keeps them aligned: HR pixel x lies in LR pixel floor(x/s), and s*k-1-x lies in
 * k-1-floor(x/s).
 */
public final class Augment {

    public static final int OPS = 8;

    private Augment() {
    }

    /** Applies op to a square CHW image of {@code channels} planes into {@code out} (not the same array). */
    public static void apply(int op, byte[] in, byte[] out, int channels, int side) {
        if (op < 0 || op >= OPS) {
            throw new IllegalArgumentException("augmentation op must be in 0..7, got " + op);
        }
        if (in.length != channels * side * side || out.length != in.length || in == out) {
            throw new IllegalArgumentException("bad augmentation buffers");
        }
        boolean h = (op & 1) != 0;
        boolean v = (op & 2) != 0;
        boolean t = (op & 4) != 0;
        int plane = side * side;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int nx = h ? side - 1 - x : x;
                    int ny = v ? side - 1 - y : y;
                    if (t) {
                        int tmp = nx;
                        nx = ny;
                        ny = tmp;
                    }
                    out[base + ny * side + nx] = in[base + y * side + x];
                }
            }
        }
    }

    /** Applies op and returns a new array. */
    public static byte[] apply(int op, byte[] in, int channels, int side) {
        byte[] out = new byte[in.length];
        apply(op, in, out, channels, side);
        return out;
    }
}
