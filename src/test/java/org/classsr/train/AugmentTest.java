package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.classsr.image.Bicubic;
import org.classsr.image.FloatImage;
import org.junit.jupiter.api.Test;

class AugmentTest {

    @Test
    void handCaseOnTwoByTwo() {
        byte[] in = {1, 2, 3, 4}; // rows: [1 2] [3 4]
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Augment.apply(0, in, 1, 2));
        assertArrayEquals(new byte[] {2, 1, 4, 3}, Augment.apply(1, in, 1, 2)); // horizontal flip
        assertArrayEquals(new byte[] {3, 4, 1, 2}, Augment.apply(2, in, 1, 2)); // vertical flip
        assertArrayEquals(new byte[] {1, 3, 2, 4}, Augment.apply(4, in, 1, 2)); // transpose
        assertArrayEquals(new byte[] {4, 2, 3, 1}, Augment.apply(7, in, 1, 2)); // hflip, vflip, transpose
    }

    @Test
    void theEightOpsAreDistinct() {
        byte[] in = new byte[3 * 9];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) i;
        }
        Set<String> seen = new HashSet<>();
        for (int op = 0; op < 8; op++) {
            seen.add(java.util.Arrays.toString(Augment.apply(op, in, 3, 3)));
        }
        assertEquals(8, seen.size());
    }

    /** The bicubic LR of an augmented HR image is the augmented LR: HR and LR stay aligned. */
    @Test
    void augmentationCommutesWithTheBicubicDownscale() {
        int side = 32;
        FloatImage hr = TrainTestData.random(side, side, 11);
        FloatImage lr = Bicubic.downscale(hr, 4);
        for (int op = 0; op < 8; op++) {
            FloatImage augHr = apply(op, hr);
            float[] lrOfAug = Bicubic.downscale(augHr, 4).data();
            float[] augOfLr = apply(op, lr).data();
            float max = 0;
            for (int i = 0; i < lrOfAug.length; i++) {
                max = Math.max(max, Math.abs(lrOfAug[i] - augOfLr[i]));
            }
            assertTrue(max < 1e-5, "op " + op + ": max difference " + max);
        }
    }

    /** The same permutation of pixels on float images (via an index image). */
    private static FloatImage apply(int op, FloatImage img) {
        int n = img.width();
        FloatImage out = FloatImage.zeros(n, n, img.channels());
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                byte[] probe = new byte[n * n];
                probe[y * n + x] = 1;
                byte[] moved = Augment.apply(op, probe, 1, n);
                int to = 0;
                while (moved[to] != 1) {
                    to++;
                }
                for (int c = 0; c < img.channels(); c++) {
                    out.set(c, to % n, to / n, img.get(c, x, y));
                }
            }
        }
        return out;
    }
}
