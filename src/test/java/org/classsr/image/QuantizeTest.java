package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuantizeTest {

    @Test
    void roundsAndClampsToTheFileGrid() {
        FloatImage img = new FloatImage(6, 1, 1, new float[] {-0.2f, 0, 0.5f, 0.2f / 255, 1, 1.7f});
        assertArrayEquals(new float[] {0, 0, 128 / 255f, 0, 1, 1}, Quantize.to8Bit(img).data());
        FloatImage deep = Quantize.to16Bit(img);
        assertEquals(32768 / 65535f, deep.data()[2]);
        assertEquals(1, deep.data()[5]);
        assertEquals(Math.round(0.2 / 255 * 65535) / 65535f, deep.data()[3]);
    }

    @Test
    void quantisedImageIsAFixedPoint() {
        FloatImage q = Quantize.to8Bit(TestImages.random(9, 4, 3, 5));
        assertEquals(q, Quantize.to8Bit(q));
    }
}
