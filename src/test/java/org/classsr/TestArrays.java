package org.classsr;

/** Array comparisons shared by the tests of several packages. */
public final class TestArrays {

    private TestArrays() {
    }

    /** The largest |a[i] - b[i]|; arrays of different lengths fail the test. */
    public static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        float m = 0f;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
