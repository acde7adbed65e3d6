package org.classsr.image;

/** Float samples to file levels, exactly as the codec rounds them (clamp to [0, 1], round; NaN is 0). */
public final class Levels {

    private Levels() {
    }

    public static int level(float v, int max) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? max : (int) Math.round(v * (double) max);
    }
}
