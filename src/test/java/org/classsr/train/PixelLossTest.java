package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class PixelLossTest {

    @Test
    void l1AndL2OfAKnownDifference() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = m.create(new float[] {0.5f, 0.1f, 0.9f, 0.0f});
            NDArray target = m.create(new float[] {0.2f, 0.1f, 0.5f, 0.5f});
            // differences 0.3, 0, 0.4, -0.5
            assertEquals((0.3 + 0.4 + 0.5) / 4, PixelLoss.L1.mean(out, target).getFloat(), 1e-6);
            assertEquals((0.09 + 0.16 + 0.25) / 4, PixelLoss.L2.mean(out, target).getFloat(), 1e-6);
            assertEquals(0.09 + 0.16 + 0.25, PixelLoss.L2.sum(out, target).getFloat(), 1e-6);
        }
        assertEquals(PixelLoss.L2, PixelLoss.parse("L2"));
        assertEquals("l1", PixelLoss.L1.term());
        assertThrows(IllegalArgumentException.class, () -> PixelLoss.parse("huber"));
    }
}
