package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stage-3 shuffle form of HR tiles: round trip within the stated bound, headroom, clamping, size. */
class CompactTileTest {

    private static final int SIDE = 128;

    /** A smooth tile like an SR output, with overshoot beyond [0, 1] in places and noise. */
    private static float[] tile(long seed) {
        Random r = new Random(seed);
        float[] t = new float[3 * SIDE * SIDE];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double v = 0.5 + 0.7 * Math.sin((x + 3 * c) / 17.0) * Math.cos(y / 11.0) + 0.01 * r.nextGaussian();
                    t[(c * SIDE + y) * SIDE + x] = (float) v;
                }
            }
        }
        return t;
    }

    private static double maxError(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    @Test
    void theBoundIsWellUnderAGreyLevelAtEachSourceDepth() {
        // A failable statement of the documented exactness: 1/32 of an 8-bit level, 1/8 of a 16-bit level.
        assertEquals(1.0 / 8192, CompactTile.bound(CompactTile.BITS_8));
        assertTrue(CompactTile.bound(CompactTile.BITS_8) <= (1.0 / 255) / 32, "8-bit sources");
        assertTrue(CompactTile.bound(CompactTile.BITS_16) <= (1.0 / 65535) / 8, "16-bit sources");
        assertEquals(CompactTile.BITS_8, CompactTile.bitsFor(8));
        assertEquals(CompactTile.BITS_16, CompactTile.bitsFor(16));
        // Headroom for overshoot, even an untrained network's (tens): at least +-1000.
        assertTrue(CompactTile.highest(CompactTile.BITS_8) >= 1000 && CompactTile.highest(CompactTile.BITS_16) >= 1000);
    }

    @Test
    void roundTripIsWithinTheBoundIncludingOvershoot() {
        for (int bits : new int[] {CompactTile.BITS_8, CompactTile.BITS_16}) {
            float[] t = tile(bits);
            // Overshoot a network makes, beyond [0, 1], and the edges of the headroom.
            t[0] = -0.3f;
            t[1] = 1.4f;
            t[2] = -41.7f;
            t[3] = (float) CompactTile.highest(bits);
            t[4] = (float) -CompactTile.highest(bits);
            t[SIDE * SIDE + 5] = 1.0f;
            t[2 * SIDE * SIDE + 7] = 0.0f;
            CompactTile c = CompactTile.encode(t, 3, SIDE, SIDE, bits);
            float[] back = c.decode();
            assertEquals(t.length, back.length);
            double err = maxError(t, back);
            assertTrue(err <= CompactTile.bound(bits), bits + " bits: max error " + err + " over " + CompactTile.bound(bits));
            // 0 and 1 are on the grid: exact.
            assertEquals(0.0f, back[2 * SIDE * SIDE + 7]);
            assertEquals(1.0f, back[SIDE * SIDE + 5]);
        }
    }

    @Test
    void beyondTheHeadroomIsClampedAndNonFiniteIsRefused() {
        float[] t = tile(1);
        t[10] = -1e9f;
        t[11] = 1e9f;
        float[] back = CompactTile.encode(t, 3, SIDE, SIDE, CompactTile.BITS_8).decode();
        assertEquals((float) -CompactTile.highest(CompactTile.BITS_8), back[10]);
        assertEquals((float) CompactTile.highest(CompactTile.BITS_8), back[11]);
        assertEquals(t[12], back[12], CompactTile.bound(CompactTile.BITS_8), "a neighbour of a clamped value");
        t[12] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompactTile.encode(t, 3, SIDE, SIDE, CompactTile.BITS_8));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        t[12] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> CompactTile.encode(t, 3, SIDE, SIDE, CompactTile.BITS_8));
        assertThrows(IllegalArgumentException.class, () -> CompactTile.encode(new float[5], 3, SIDE, SIDE, 12));
    }

    @Test
    void aSmoothTileTakesAboutOneBytePerSample() {
        // The point of the codec: far under the 4 bytes of a float (and 2 of a short) per sample.
        CompactTile c = CompactTile.encode(tile(2), 3, SIDE, SIDE, CompactTile.BITS_8);
        double perSample = (double) c.size() / (3 * SIDE * SIDE);
        assertTrue(perSample < 1.5, "bytes per sample " + perSample);
    }

    @Test
    void aCorruptPayloadIsNotReadSilently() {
        CompactTile c = CompactTile.encode(tile(3), 3, SIDE, SIDE, CompactTile.BITS_8);
        byte[] longer = java.util.Arrays.copyOf(c.data(), c.data().length + 1);
        assertThrows(IllegalStateException.class, () -> new CompactTile(3, SIDE, SIDE, CompactTile.BITS_8, longer).decode());
    }
}
