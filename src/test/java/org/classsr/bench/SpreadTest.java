package org.classsr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void oddCountMedianIsTheMiddleValue() {
        Spread s = Spread.of(3.0, 1.0, 2.0);
        assertEquals(2.0, s.median());
        assertEquals(1.0, s.min());
        assertEquals(3.0, s.max());
        assertEquals(1.5, s.q1(), 1e-12);
        assertEquals(2.5, s.q3(), 1e-12);
        assertArrayEquals(new double[] {3.0, 1.0, 2.0}, s.samples(), "samples keep their order");
    }

    @Test
    void evenCountMedianIsTheMeanOfTheMiddleTwoAndQuartilesInterpolate() {
        Spread s = Spread.of(10, 1, 4, 2);
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(1.0, s.min());
        assertEquals(10.0, s.max());
        assertEquals(1.75, s.q1(), 1e-12); // 1 + 0.75 * (2 - 1)
        assertEquals(5.5, s.q3(), 1e-12); // 4 + 0.25 * (10 - 4)
        assertEquals(3.75, s.iqr(), 1e-12);
    }

    @Test
    void oneSampleIsItsOwnSpreadAndNoneIsRefused() {
        Spread s = Spread.of(0.5);
        assertEquals(0.5, s.median());
        assertEquals(0.5, s.q1());
        assertEquals(0.5, s.max());
        assertThrows(IllegalArgumentException.class, Spread::of);
    }

    @Test
    void twoSamples() {
        Spread s = Spread.of(2, 4);
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(2.5, s.q1(), 1e-12);
        assertEquals(3.5, s.q3(), 1e-12);
    }

    @Test
    void knobAndSweepValues() {
        assertArrayEquals(new double[] {0.5, 0, -0.5}, Benchmark.knob(0.5, 3));
        assertArrayEquals(new double[] {-1, 1}, Benchmark.knob(-1, 2));
        assertEquals(List.of(-1.0, 0.0, 2.0), Benchmark.sweepValues(List.of(2.0, -1.0, 2.0)));
        assertEquals(List.of(), Benchmark.sweepValues(List.of()));
    }

    /** Reports hold a Spread as it is: Jackson writes its components, in order, and nothing else. */
    @Test
    void inJsonItIsItsComponentsInOrder() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(Spread.of(10, 1, 4, 2));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("median", "min", "max", "q1", "q3", "samples"), names);
        assertEquals(1.75, json.get("q1").asDouble(), 1e-12);
        assertEquals(10.0, json.get("samples").get(0).asDouble());
        assertEquals(4, json.get("samples").size());
    }
}
