package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ColorSpaceTest {

    @Test
    void lumaUsesMatlabStudioRangeCoefficients() {
        FloatImage img = new FloatImage(4, 1, 3, new float[] {
            0, 1, 1, 0, // R
            0, 1, 0, 1, // G
            0, 1, 0, 0, // B
        });
        float[] y = ColorSpace.luma(img);
        assertEquals(16, y[0], 1e-4);
        assertEquals(235, y[1], 1e-4);
        assertEquals(16 + 65.481, y[2], 1e-4);
        assertEquals(16 + 128.553, y[3], 1e-4);
    }

    @Test
    void greyLumaIsTheGreyValueTimes255WithoutOffset() {
        FloatImage grey = new FloatImage(3, 1, 1, new float[] {0, 0.5f, 1});
        float[] y = ColorSpace.luma(grey);
        assertEquals(0, y[0], 0);
        assertEquals(127.5, y[1], 1e-4);
        assertEquals(255, y[2], 1e-4);
    }

    @Test
    void ycbcrConversionsAreInverses() {
        FloatImage rgb = TestImages.random(13, 7, 3, 11);
        FloatImage ycc = ColorSpace.rgbToYcbcr(rgb);
        float[] y = ColorSpace.luma(rgb);
        for (int p = 0; p < y.length; p++) {
            assertEquals(y[p] / 255, ycc.data()[p], 1e-6, "Y plane equals luma / 255");
        }
        assertEquals(0, TestImages.maxAbsDiff(rgb, ColorSpace.ycbcrToRgb(ycc)), 2e-6);
        FloatImage grey = new FloatImage(1, 1, 3, new float[] {0.5f, 0.5f, 0.5f});
        FloatImage g = ColorSpace.rgbToYcbcr(grey);
        assertEquals(128 / 255.0, g.data()[1], 1e-6, "neutral grey has Cb = 128");
        assertEquals(128 / 255.0, g.data()[2], 1e-6, "neutral grey has Cr = 128");
        assertThrows(IllegalArgumentException.class, () -> ColorSpace.rgbToYcbcr(TestImages.random(2, 2, 1, 1)));
    }
}
