package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bands of an upscale are, bit for bit, the rows of the whole {@link Bicubic#resize}, however they are cut. */
class BicubicBandsTest {

    private static void assertBandsEqualTheWhole(FloatImage image, int scale, int[] cuts) {
        FloatImage whole = Bicubic.resize(image, scale);
        BicubicBands bands = new BicubicBands(image, scale);
        assertEquals(whole.width(), bands.width());
        assertEquals(whole.height(), bands.height());
        int y = 0;
        for (int i = 0; y < whole.height(); i++) {
            int n = Math.min(cuts[i % cuts.length], whole.height() - y);
            FloatImage band = bands.band(y, n);
            for (int c = 0; c < image.channels(); c++) {
                int from = (c * whole.height() + y) * whole.width();
                float[] want = Arrays.copyOfRange(whole.data(), from, from + n * whole.width());
                float[] got = Arrays.copyOfRange(band.data(), c * n * whole.width(), (c + 1) * n * whole.width());
                assertArrayEquals(want, got, "rows " + y + "+" + n + ", channel " + c);
            }
            y += n;
        }
    }

    @Test
    void anAlphaPlaneInUnevenBandsEqualsTheWholeUpscale() {
        assertBandsEqualTheWhole(TestImages.random(37, 23, 1, 1), 4, new int[] {5, 17, 1, 128});
    }

    @Test
    void colourPlanesAndOtherScalesToo() {
        assertBandsEqualTheWhole(TestImages.random(19, 31, 3, 2), 4, new int[] {64});
        assertBandsEqualTheWhole(TestImages.random(9, 7, 2, 3), 2, new int[] {3, 1});
        assertBandsEqualTheWhole(TestImages.random(4, 5, 1, 4), 3, new int[] {15});
    }

    @Test
    void rowsOutsideTheImageAreRefused() {
        BicubicBands bands = new BicubicBands(TestImages.random(4, 4, 1, 5), 4);
        assertThrows(IllegalArgumentException.class, () -> bands.band(10, 7));
    }
}
