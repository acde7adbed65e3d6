package org.classsr.engine;

import java.util.Random;
import org.classsr.image.FloatImage;

/** Deterministic synthetic images: smooth gradients plus a little texture. */
final class TestImages {

    private TestImages() {
    }

    static FloatImage texture(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        FloatImage img = FloatImage.zeros(width, height, channels);
        double fx = 0.05 + random.nextDouble() * 0.3;
        double fy = 0.05 + random.nextDouble() * 0.3;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = 0.5 + 0.3 * Math.sin(fx * x + c) * Math.cos(fy * y) + 0.05 * random.nextGaussian();
                    img.set(c, x, y, (float) Math.max(0, Math.min(1, v)));
                }
            }
        }
        return img;
    }

    /** Brightness rising left to right (tile means spread over [0, 1]): the brightness-routed classifier scores the tiles apart. */
    static FloatImage ramp(int width, int height) {
        FloatImage img = FloatImage.zeros(width, height, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    img.set(c, x, y, (float) x / (width - 1));
                }
            }
        }
        return img;
    }
}
