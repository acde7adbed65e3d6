package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ClassSrLossTest {

    private static double classLoss(float[] p, int n) {
        try (NDManager m = NDManager.newBaseManager()) {
            return ClassSrLoss.classLoss(m.create(p, new Shape(n, 3))).getFloat();
        }
    }

    private static double averageLoss(float[] p, int n) {
        try (NDManager m = NDManager.newBaseManager()) {
            return ClassSrLoss.averageLoss(m.create(p, new Shape(n, 3))).getFloat();
        }
    }

    @Test
    void classLossIsZeroForOneHotAndTwoForUniform() {
        assertEquals(0, classLoss(new float[] {1, 0, 0, 0, 0, 1}, 2), 1e-6);
        float t = 1f / 3;
        assertEquals(2, classLoss(new float[] {t, t, t}, 1), 1e-6);
        // (0.5, 0.5, 0): 2 - (0 + 0.5 + 0.5) = 1; mean with a one-hot row (0): 0.5
        assertEquals(0.5, classLoss(new float[] {0.5f, 0.5f, 0, 0, 0, 1}, 2), 1e-6);
        // (0.6, 0.3, 0.1): 2 - (0.3 + 0.5 + 0.2) = 1
        assertEquals(1.0, classLoss(new float[] {0.6f, 0.3f, 0.1f}, 1), 1e-6);
    }

    @Test
    void averageLossIsZeroForAnEvenSplit() {
        assertEquals(0, averageLoss(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3), 1e-6);
        float t = 1f / 3;
        assertEquals(0, averageLoss(new float[] {t, t, t, t, t, t}, 2), 1e-6);
    }

    @Test
    void averageLossOnUnevenSplits() {
        // all three samples one-hot in class 0: sums (3, 0, 0), n/M = 1: (2 + 1 + 1) / 4 = 1
        assertEquals(1.0, averageLoss(new float[] {1, 0, 0, 1, 0, 0, 1, 0, 0}, 3), 1e-6);
        // n = 2: (1,0,0) and (0.5,0.5,0): sums (1.5, 0.5, 0), n/M = 2/3:
        // (5/6 + 1/6 + 2/3) / (8/3) = (5/3) / (8/3) = 0.625
        assertEquals(0.625, averageLoss(new float[] {1, 0, 0, 0.5f, 0.5f, 0}, 2), 1e-6);
    }

    @Test
    void l1IsTheMeanAbsoluteError() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0, 1, 2, 3});
            NDArray b = m.create(new float[] {1, 1, 0, 3});
            assertEquals(0.75, ClassSrLoss.l1(a, b).getFloat(), 1e-6);
        }
    }
}
