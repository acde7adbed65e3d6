package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BicubicTest {

    /** Keys' cubic with a = -0.5, written out from the formula independently of the class under test. */
    private static double keys(double x) {
        double a = -0.5;
        double t = Math.abs(x);
        if (t <= 1) {
            return (a + 2) * t * t * t - (a + 3) * t * t + 1;
        }
        if (t < 2) {
            return a * t * t * t - 5 * a * t * t + 8 * a * t - 4 * a;
        }
        return 0;
    }

    private static FloatImage row(double... values) {
        float[] d = new float[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) values[i];
        }
        return new FloatImage(d.length, 1, 1, d);
    }

    @Test
    void constantImageStaysConstantUpAndDown() {
        FloatImage flat = TestImages.constant(7, 5, 3, 0.3f);
        for (FloatImage out : new FloatImage[] {
                Bicubic.resize(flat, 4), Bicubic.downscale(flat, 4), Bicubic.resizeTo(flat, 13, 9),
                Bicubic.resize(flat, 0.37)}) {
            for (float v : out.data()) {
                assertEquals(0.3, v, 1e-6, out.toString());
            }
        }
    }

    @Test
    void outputSizesAreCeilOfScaledSize() {
        FloatImage one = TestImages.constant(1, 1, 1, 0.5f);
        FloatImage up = Bicubic.resize(one, 4);
        assertEquals(4, up.width());
        assertEquals(4, up.height());
        FloatImage odd = TestImages.random(7, 5, 3, 1);
        FloatImage down = Bicubic.downscale(odd, 4);
        assertEquals(2, down.width());
        assertEquals(2, down.height());
        assertEquals(3, down.channels());
        FloatImage viaScale = Bicubic.resize(odd, 0.25);
        assertEquals(down, viaScale, "downscale(4) is resize(1/4)");
        FloatImage oneAndHalf = Bicubic.resize(TestImages.random(3, 3, 1, 2), 1.5);
        assertEquals(5, oneAndHalf.width());
        FloatImage to = Bicubic.resizeTo(odd, 11, 3);
        assertEquals(11, to.width());
        assertEquals(3, to.height());
        assertEquals(TestImages.random(7, 5, 3, 1), odd, "input untouched");
    }

    @Test
    void upscalingReproducesALinearRampInTheInterior() {
        int w = 16;
        int h = 12;
        FloatImage ramp = FloatImage.zeros(w, h, 1);
        double ax = 0.03;
        double ay = 0.02;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp.set(0, x, y, (float) (0.1 + ax * x + ay * y));
            }
        }
        FloatImage up = Bicubic.resize(ramp, 4);
        // Output pixel X (0-based) samples input position (X + 1) / 4 + 0.375 (1-based), i.e.
        // (X + 1) / 4 - 0.625 in 0-based input coordinates.
        for (int y = 12; y < up.height() - 12; y++) {
            for (int x = 12; x < up.width() - 12; x++) {
                double expected = 0.1 + ax * ((x + 1) / 4.0 - 0.625) + ay * ((y + 1) / 4.0 - 0.625);
                assertEquals(expected, up.get(0, x, y), 1e-6, "at " + x + "," + y);
            }
        }
    }

    @Test
    void downscaleWeightsMatchTheStretchedKernelComputedByHand() {
        int n = 40;
        int factor = 4;
        double scale = 1.0 / factor;
        int out = 4; // 0-based output sample; 1-based x = 5
        double u = (out + 1) / scale + 0.5 * (1 - 1 / scale); // = 18.5, 1-based input position
        double[] expected = new double[n];
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            expected[i - 1] = scale * keys(scale * (u - i));
            sum += expected[i - 1];
        }
        // MATLAB spans ceil(4 / scale) + 2 = 18 taps here, all inside 1..40, so nothing is mirrored.
        for (int i = 0; i < n; i++) {
            expected[i] /= sum;
        }
        for (int j = 0; j < n; j++) {
            double[] delta = new double[n];
            delta[j] = 1;
            FloatImage response = Bicubic.downscale(row(delta), factor);
            assertEquals(10, response.width());
            assertEquals(expected[j], response.get(0, out, 0), 1e-7, "weight of input " + j);
        }
    }

    /**
     * MATLAB R2013 output quoted on Stack Overflow (question 17380407):
     * {@code imresize([0 0 1 1 0], [1 10])} = 0 -0.0234 -0.0703 0.2031 0.7969 1.0938 1.0938 0.7969
     * 0.2031 -0.0703. The first nine agree with us. The last one samples input positions 6 and 7:
     * with the symmetric extension of current MATLAB and BasicSR (1..n, n..1) they are 0 and 1,
     * giving -0.0703 - 0.0234 = -0.0938; -0.0703 is what clamping the indices (replicating the
     * end sample) gives, which older MATLAB versions did. We follow the symmetric rule.
     */
    @Test
    void upscalingMatchesPublishedMatlabValues() {
        FloatImage out = Bicubic.resizeTo(row(0, 0, 1, 1, 0), 10, 1);
        double[] matlab = {0, -0.0234, -0.0703, 0.2031, 0.7969, 1.0938, 1.0938, 0.7969, 0.2031};
        for (int i = 0; i < matlab.length; i++) {
            assertEquals(matlab[i], out.get(0, i, 0), 5.1e-5, "sample " + i); // shown to 4 decimals
        }
        assertEquals(-0.09375, out.get(0, 9, 0), 1e-7, "symmetric border");
    }

    /**
     * {@code imresize(1:8, 0.5)}, worked by hand from MATLAB's algorithm: the antialiased kernel is
     * 8 samples wide, weights 0.5 * cubic(d / 2) at distances +-0.5, 1.5, 2.5, 3.5 =
     * (0.8671875, 0.2265625, -0.0703125, -0.0234375) / 2. For the first output (centre 1.5) the
     * left taps at 0, -1, -2 mirror to samples 1, 2, 3, giving 2.8984375 / 2 = 1.44921875; even the
     * second output (centre 3.5) reaches sample 0 (mirrored to 1), so it is 3.48828125, not 3.5.
     * Values often quoted for this call, [1.5781 3.5 5.5 7.4219], cannot come from an 8-wide kernel
     * on an 8-sample vector (the middle outputs would not be exact), so we pin our derivation.
     */
    @Test
    void downscalingAShortRampMatchesTheHandDerivation() {
        FloatImage out = Bicubic.resize(row(1, 2, 3, 4, 5, 6, 7, 8), 0.5);
        assertEquals(4, out.width());
        assertEquals(1, out.height());
        assertArrayEquals(new float[] {1.44921875f, 3.48828125f, 5.51171875f, 7.55078125f}, out.data(), 1e-6f);
    }

    @Test
    void resizingAMirroredImageGivesTheMirroredResult() {
        FloatImage img = TestImages.random(9, 7, 3, 7);
        assertMirrorCommutes(img, i -> Bicubic.resize(i, 4));
        FloatImage big = TestImages.random(16, 12, 2, 8);
        assertMirrorCommutes(big, i -> Bicubic.downscale(i, 4));
        assertMirrorCommutes(big, i -> Bicubic.resizeTo(i, 24, 6));
    }

    private static void assertMirrorCommutes(FloatImage img, java.util.function.UnaryOperator<FloatImage> op) {
        FloatImage a = mirror(op.apply(img));
        FloatImage b = op.apply(mirror(img));
        assertEquals(a.width(), b.width());
        assertEquals(0, TestImages.maxAbsDiff(a, b), 1e-6);
    }

    private static FloatImage mirror(FloatImage img) {
        FloatImage out = FloatImage.zeros(img.width(), img.height(), img.channels());
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < img.height(); y++) {
                for (int x = 0; x < img.width(); x++) {
                    out.set(c, img.width() - 1 - x, y, img.get(c, x, y));
                }
            }
        }
        return out;
    }

    @Test
    void rejectsBadArguments() {
        FloatImage img = TestImages.random(4, 4, 1, 3);
        assertThrows(IllegalArgumentException.class, () -> Bicubic.resize(img, 0));
        assertThrows(IllegalArgumentException.class, () -> Bicubic.resize(img, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Bicubic.downscale(img, 0));
        assertThrows(IllegalArgumentException.class, () -> Bicubic.resizeTo(img, 0, 3));
    }
}
