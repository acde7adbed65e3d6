package org.classsr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ClassBiasTest {

    @Test
    void argmaxAddsTheBiasAndPrefersTheFirstOnTies() {
        float[] logits = {1, 2, 0, 0, 0, 0, 3, 1, 1};
        assertArrayEquals(new int[] {1, 0, 0}, ClassBias.argmax(logits, 3, new double[0]));
        assertArrayEquals(new int[] {2, 2, 2}, ClassBias.argmax(logits, 3, new double[] {0, 0, 5}));
        assertArrayEquals(new double[] {1.5, 0, -1.5}, ClassBias.of(1.5));
    }

    @Test
    void knobIsTheSmallestShiftThatMeetsTheBudget() {
        // a step function like a real model's: the ratio falls by 0.1 at b = 0.7 and b = 2.3
        DoubleUnaryOperator ratio = b -> b < 0.7 ? 0.9 : b < 2.3 ? 0.8 : 0.7;
        double b = ClassBias.knobForBudget(ratio, 0.75);
        assertEquals(2.3, b, 1e-9);
        assertTrue(ratio.applyAsDouble(b) <= 0.75);
        // under budget: towards hard, as far as the budget allows
        DoubleUnaryOperator under = x -> x > -1.2 ? 0.5 : 0.6;
        double neg = ClassBias.knobForBudget(under, 0.55);
        assertTrue(neg <= 0 && neg > -1.2 - 1e-9, "b = " + neg);
        assertTrue(under.applyAsDouble(neg) <= 0.55);
        assertEquals(0, ClassBias.knobForBudget(ratio, 0.9));
    }
}
