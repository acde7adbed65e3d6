package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static FloatImage plus(FloatImage img, float d) {
        FloatImage out = img.copy();
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] += d;
        }
        return out;
    }

    private static FloatImage noisy(FloatImage img, double sigma, long seed) {
        Random random = new Random(seed);
        FloatImage out = img.copy();
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] += (float) (random.nextGaussian() * sigma);
        }
        return out;
    }

    @Test
    void identicalImagesGiveInfinityAndOne() {
        FloatImage img = TestImages.random(32, 24, 3, 1);
        assertEquals(Double.POSITIVE_INFINITY, Metrics.psnrY(img, img.copy(), 4));
        assertEquals(1.0, Metrics.ssimY(img, img.copy(), 4), 1e-12);
    }

    @Test
    void constantOffsetGivesTheExpectedPsnr() {
        FloatImage ref = TestImages.randomOnGrid(30, 20, 3, 255, 2);
        for (int d : new int[] {1, 3, 10}) {
            FloatImage result = plus(ref, d / 255f);
            // Every channel + d/255 moves Y by d * (65.481 + 128.553 + 24.966) / 255 = d * 219 / 255.
            double dy = d * 219.0 / 255.0;
            double expected = 10 * Math.log10(255.0 * 255.0 / (dy * dy));
            assertEquals(expected, Metrics.psnrY(result, ref, 4), 1e-3, "offset " + d);
        }
        FloatImage grey = TestImages.randomOnGrid(30, 20, 1, 255, 3);
        assertEquals(20 * Math.log10(255.0 / 2), Metrics.psnrY(plus(grey, 2 / 255f), grey, 0), 1e-3);
    }

    @Test
    void ssimOfFlatImagesFollowsTheLuminanceTerm() {
        // Flat planes have no variance, so SSIM = (2 a b + C1) / (a^2 + b^2 + C1).
        FloatImage a = TestImages.constant(20, 20, 1, 100 / 255f);
        FloatImage b = TestImages.constant(20, 20, 1, 120 / 255f);
        double c1 = Math.pow(0.01 * 255, 2);
        double expected = (2 * 100.0 * 120 + c1) / (100.0 * 100 + 120.0 * 120 + c1);
        assertEquals(expected, Metrics.ssimY(a, b, 0), 1e-4);
    }

    @Test
    void ssimDropsBelowOneAndFallsWithNoise() {
        FloatImage ref = Bicubic.resize(TestImages.random(12, 12, 3, 4), 4); // smooth-ish texture
        double previous = 1.0;
        for (double sigma : new double[] {1 / 255.0, 4 / 255.0, 16 / 255.0, 48 / 255.0}) {
            double ssim = Metrics.ssimY(noisy(ref, sigma, 9), ref, 4);
            assertTrue(ssim < previous, "sigma " + sigma + " gave " + ssim + " after " + previous);
            assertTrue(ssim > 0);
            previous = ssim;
        }
        assertTrue(previous < 0.9);
    }

    @Test
    void borderCropIgnoresTheBorder() {
        FloatImage ref = TestImages.random(40, 30, 3, 5);
        FloatImage result = ref.copy();
        int border = 4;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < ref.height(); y++) {
                for (int x = 0; x < ref.width(); x++) {
                    boolean inBorder = x < border || y < border || x >= ref.width() - border
                            || y >= ref.height() - border;
                    if (inBorder) {
                        result.set(c, x, y, 1 - ref.get(c, x, y));
                    }
                }
            }
        }
        assertEquals(Double.POSITIVE_INFINITY, Metrics.psnrY(result, ref, border));
        assertEquals(1.0, Metrics.ssimY(result, ref, border), 1e-12);
        assertTrue(Metrics.psnrY(result, ref, border - 1) < 40);
        assertTrue(Metrics.ssimY(result, ref, border - 1) < 1);
    }

    @Test
    void mismatchedOrTooSmallInputsAreRejected() {
        FloatImage a = TestImages.random(20, 20, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.psnrY(a, TestImages.random(20, 21, 3, 1), 0));
        assertTrue(e.getMessage().contains("differ"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.psnrY(a, TestImages.random(20, 20, 1, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> Metrics.psnrY(a, a, 10));
        assertThrows(IllegalArgumentException.class, () -> Metrics.psnrY(a, a, -1));
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.ssimY(a, a, 5));
        assertTrue(e.getMessage().contains("10x10"), e.getMessage());
        assertEquals(1.0, Metrics.ssimY(TestImages.random(21, 21, 3, 1), TestImages.random(21, 21, 3, 1), 5), 1e-12);
    }
}
