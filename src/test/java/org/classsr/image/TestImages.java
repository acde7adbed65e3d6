package org.classsr.image;

import java.util.Random;

/** Small images the tests make themselves. */
public final class TestImages {

    private TestImages() {
    }

    /** Random samples already on the k/levels grid, so that an exact file round trip is possible. */
    static FloatImage randomOnGrid(int w, int h, int channels, int levels, long seed) {
        Random random = new Random(seed);
        float[] d = new float[w * h * channels];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextInt(levels + 1) / (float) levels;
        }
        return new FloatImage(w, h, channels, d);
    }

    public static FloatImage random(int w, int h, int channels, long seed) {
        Random random = new Random(seed);
        float[] d = new float[w * h * channels];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextFloat();
        }
        return new FloatImage(w, h, channels, d);
    }

    /** A smooth colour gradient, which JPEG keeps well. */
    static FloatImage gradient(int w, int h) {
        FloatImage img = FloatImage.zeros(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(0, x, y, (float) x / w);
                img.set(1, x, y, (float) y / h);
                img.set(2, x, y, 0.5f);
            }
        }
        return img;
    }

    static FloatImage constant(int w, int h, int channels, float value) {
        FloatImage img = FloatImage.zeros(w, h, channels);
        java.util.Arrays.fill(img.data(), value);
        return img;
    }

    static double maxAbsDiff(FloatImage a, FloatImage b) {
        double max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }

    static double meanAbsDiff(FloatImage a, FloatImage b) {
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            sum += Math.abs(a.data()[i] - b.data()[i]);
        }
        return sum / a.data().length;
    }
}
