package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The decoder's sample count is checked, never wrapped past 2^31. */
class SampleCountTest {

    @Test
    void aProductPastTheLargestArrayIsRefusedByNameNotWrapped() {
        assertEquals(40_000 * 30_000, ImageCodec.sampleCount("a.png", 40_000, 30_000, 1));
        // 40000 * 30000 * 4 = 4.8e9 wraps to 505,032,704 in int arithmetic: a wrong, "valid" size.
        assertEquals(505_032_704, 40_000 * 30_000 * 4);
        ImageException e = assertThrows(ImageException.class, () -> ImageCodec.sampleCount("a.png", 40_000, 30_000, 4));
        assertTrue(e.getMessage().contains("a.png") && e.getMessage().contains("too large"), e.getMessage());
    }
}
