package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
        assertEquals(1.0 / 8192, CompactTile.bound(CompactTile.HR_LEVELS_8));
        assertTrue(CompactTile.bound(CompactTile.HR_LEVELS_8) <= (1.0 / 255) / 32, "8-bit sources");
        assertTrue(CompactTile.bound(CompactTile.HR_LEVELS_16) <= (1.0 / 65535) / 8, "16-bit sources");
        assertEquals(CompactTile.HR_LEVELS_8, CompactTile.hrLevels(8));
        assertEquals(CompactTile.HR_LEVELS_16, CompactTile.hrLevels(16));
        // Headroom for overshoot, even an untrained network's (tens): at least +-1000.
        assertTrue(CompactTile.highest(CompactTile.HR_LEVELS_8) >= 1000 && CompactTile.highest(CompactTile.HR_LEVELS_16) >= 1000);
    }

    @Test
    void roundTripIsWithinTheBoundIncludingOvershoot() {
        for (int levels : new int[] {CompactTile.HR_LEVELS_8, CompactTile.HR_LEVELS_16}) {
            float[] t = tile(levels);
            // Overshoot a network makes, beyond [0, 1], and the edges of the headroom.
            t[0] = -0.3f;
            t[1] = 1.4f;
            t[2] = -41.7f;
            t[3] = (float) CompactTile.highest(levels);
            t[4] = (float) -CompactTile.highest(levels);
            t[SIDE * SIDE + 5] = 1.0f;
            t[2 * SIDE * SIDE + 7] = 0.0f;
            CompactTile c = CompactTile.encode(t, 3, SIDE, SIDE, levels);
            float[] back = c.decode();
            assertEquals(t.length, back.length);
            double err = maxError(t, back);
            assertTrue(err <= CompactTile.bound(levels), levels + " levels: max error " + err + " over "
                    + CompactTile.bound(levels));
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
        float[] back = CompactTile.encode(t, 3, SIDE, SIDE, CompactTile.HR_LEVELS_8).decode();
        assertEquals((float) -CompactTile.highest(CompactTile.HR_LEVELS_8), back[10]);
        assertEquals((float) CompactTile.highest(CompactTile.HR_LEVELS_8), back[11]);
        assertEquals(t[12], back[12], CompactTile.bound(CompactTile.HR_LEVELS_8), "a neighbour of a clamped value");
        t[12] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompactTile.encode(t, 3, SIDE, SIDE, CompactTile.HR_LEVELS_8));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        t[12] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> CompactTile.encode(t, 3, SIDE, SIDE, CompactTile.HR_LEVELS_8));
        assertThrows(IllegalArgumentException.class, () -> CompactTile.encode(new float[5], 3, SIDE, SIDE, 4096));
    }

    @Test
    void aSmoothTileTakesAboutOneBytePerSample() {
        // The point of the codec: far under the 4 bytes of a float (and 2 of a short) per sample.
        CompactTile c = CompactTile.encode(tile(2), 3, SIDE, SIDE, CompactTile.HR_LEVELS_8);
        double perSample = (double) c.size() / (3 * SIDE * SIDE);
        assertTrue(perSample < 1.5, "bytes per sample " + perSample);
    }

    @Test
    void theCodeIsTheMedianEdgePredictorsZigZagVarints() {
        // Worked by hand: one plane of 3x3 integers at 1 level per unit. Row 0 is predicted from the
        // left, column 0 from above; (1,1) has its upper-left neighbour below both others (predicts
        // the larger, 9), (2,1) between them (a + b - c = 193), (2,2) above both (the smaller, 1).
        float[] plane = {5, 9, 2, 7, 200, 1, 0, 15, 4};
        CompactTile t = CompactTile.encode(plane, 1, 3, 3, 1);
        byte[] expected = {10, 8, 13, 4, (byte) 254, 2, (byte) 255, 2, 13, (byte) 227, 2, 6};
        assertEquals(Arrays.toString(expected), Arrays.toString(t.data()));
        assertEquals(Arrays.toString(plane), Arrays.toString(t.decode()));
    }

    @Test
    void theFastRoundingOnPowerOfTwoGridsGivesTheExactPathsIntegers() {
        // Encode rounds in float on power-of-two grids; it must give the very q = round(v * levels)
        // of the double path: ties, negatives, both sides of 2^22 / levels, and far overshoot.
        Random r = new Random(11);
        for (int levels : new int[] {1, CompactTile.HR_LEVELS_8, CompactTile.HR_LEVELS_16}) {
            float[] v = new float[4096];
            double edge = (double) (1 << 22) / levels;
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (i % 6) {
                    case 0 -> (float) ((r.nextInt(20_000) - 10_000 + 0.5) / levels); // exact ties
                    case 1 -> (float) (r.nextGaussian() * 2);
                    case 2 -> (float) (edge * (0.999 + 0.002 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1));
                    case 3 -> (float) (r.nextDouble() * CompactTile.highest(levels) * 0.9);
                    case 4 -> -(float) (r.nextDouble() * 3);
                    default -> r.nextFloat();
                };
            }
            float[] back = CompactTile.encode(v, 1, 64, 64, levels).decode();
            for (int i = 0; i < v.length; i++) {
                long q = Math.round((double) v[i] * levels);
                assertEquals(q / (float) levels, back[i], 0f, "levels " + levels + ", sample " + i + " = " + v[i]);
            }
        }
    }

    @Test
    void oddShapesRoundTrip() {
        // Single rows, single columns and single samples take the first-row and first-column paths only.
        Random r = new Random(5);
        for (int[] shape : new int[][] {{1, 1, 1}, {1, 7, 1}, {1, 1, 9}, {2, 5, 3}, {3, 33, 17}}) {
            float[] t = new float[shape[0] * shape[1] * shape[2]];
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) (0.5 + r.nextGaussian());
            }
            float[] back = CompactTile.encode(t, shape[0], shape[1], shape[2], CompactTile.HR_LEVELS_8).decode();
            double err = maxError(t, back);
            assertTrue(err <= CompactTile.bound(CompactTile.HR_LEVELS_8), Arrays.toString(shape) + ": " + err);
        }
    }

    @Test
    void aCorruptPayloadIsNotReadSilently() {
        CompactTile c = CompactTile.encode(tile(3), 3, SIDE, SIDE, CompactTile.HR_LEVELS_8);
        byte[] longer = Arrays.copyOf(c.data(), c.data().length + 1);
        assertThrows(IllegalStateException.class, () -> new CompactTile(3, SIDE, SIDE, CompactTile.HR_LEVELS_8, longer).decode());
        byte[] shorter = Arrays.copyOf(c.data(), c.data().length - 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CompactTile(3, SIDE, SIDE, CompactTile.HR_LEVELS_8, shorter).decode());
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
    }

    @Test
    void lrTilesComeBackBitExactOnTheirSourceGrid() {
        for (int depth : new int[] {8, 16}) {
            int max = depth == 8 ? 255 : 65535;
            Random r = new Random(depth);
            float[] lr = new float[3 * 32 * 32];
            for (int i = 0; i < lr.length; i++) {
                // The decoder's own expression (ImageCodec): k / 255f, k / 65535f; every level at the start.
                int k = i <= max ? i : r.nextInt(max + 1);
                lr[i] = depth == 8 ? k / 255f : k / 65535f;
            }
            float[] back = CompactTile.encodeExact(lr, 3, 32, 32, depth).decode();
            for (int i = 0; i < lr.length; i++) {
                assertEquals(Float.floatToIntBits(lr[i]), Float.floatToIntBits(back[i]), depth + "-bit sample " + i);
            }
        }
        float[] off = new float[3 * 32 * 32];
        off[7] = 0.5f; // not k / 255f for any k
        assertThrows(IllegalArgumentException.class, () -> CompactTile.encodeExact(off, 3, 32, 32, 8));
    }

    @Test
    void javaSerializationAddsLittleToACompactTile() throws java.io.IOException {
        // Why the records are not registered with Kryo: Spark's Java serializer writes class
        // descriptors once per 100 records (spark.serializer.objectStreamReset), so a record's
        // own fields cost a few dozen bytes beside its ~50 KB tile. (Kryo 4 also cannot build
        // its FieldSerializer for Java records: "can't get field offset on a record class".)
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        long payload = 0;
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            for (int i = 0; i < 100; i++) {
                CompactTile hr = CompactTile.encode(tile(i), 3, SIDE, SIDE, CompactTile.HR_LEVELS_8);
                payload += hr.size();
                TileRecord r = new TileRecord(0, i, 1, hr, false, 8, false, 1, 2, 3, null);
                out.writeObject(new scala.Tuple2<>(r.key(), r));
            }
        }
        double overhead = (double) (bytes.size() - payload) / payload;
        assertTrue(overhead < 0.01, "Java serialization overhead " + overhead);
    }
}
