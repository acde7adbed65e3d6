package org.classsr.tile;

import java.util.Random;
import org.classsr.image.FloatImage;

/** Deterministic test images and a plain-Java stand-in for a per-pixel x4 network. */
final class TestImages {

    private TestImages() {
    }

    static FloatImage random(int width, int height, int channels, long seed) {
        return org.classsr.image.TestImages.random(width, height, channels, seed);
    }

    /**
     * Each LR pixel's channels go through a fixed random linear map, tanh, a second linear map to
     * channels * scale^2 values, then a pixel shuffle places them as a scale x scale HR block: the
     * shape of 1x1 convolutions followed by a pixel shuffle. Its output at a pixel depends on
     * that pixel only, so tiles must reproduce the whole-image result bit for bit.
     */
    static final class PerPixelNet {
        final int channels;
        final int hidden;
        final int scale;
        final float[] w1;
        final float[] b1;
        final float[] w2;
        final float[] b2;

        PerPixelNet(int channels, int hidden, int scale, long seed) {
            Random random = new Random(seed);
            this.channels = channels;
            this.hidden = hidden;
            this.scale = scale;
            this.w1 = gaussian(random, hidden * channels);
            this.b1 = gaussian(random, hidden);
            this.w2 = gaussian(random, channels * scale * scale * hidden);
            this.b2 = gaussian(random, channels * scale * scale);
        }

        private static float[] gaussian(Random random, int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) random.nextGaussian() * 0.5f;
            }
            return v;
        }

        /** CHW width x height in, CHW (width*scale) x (height*scale) out. */
        float[] apply(float[] lr, int offset, int width, int height) {
            int hrWidth = width * scale;
            int hrHeight = height * scale;
            float[] hr = new float[channels * hrWidth * hrHeight];
            float[] in = new float[channels];
            float[] h = new float[hidden];
            int plane = width * height;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < channels; c++) {
                        in[c] = lr[offset + c * plane + y * width + x];
                    }
                    for (int k = 0; k < hidden; k++) {
                        float s = b1[k];
                        for (int c = 0; c < channels; c++) {
                            s += w1[k * channels + c] * in[c];
                        }
                        h[k] = (float) Math.tanh(s);
                    }
                    for (int o = 0; o < channels * scale * scale; o++) {
                        float s = b2[o];
                        for (int k = 0; k < hidden; k++) {
                            s += w2[o * hidden + k] * h[k];
                        }
                        // Pixel shuffle: channel o = c * scale^2 + dy * scale + dx.
                        int c = o / (scale * scale);
                        int dy = (o / scale) % scale;
                        int dx = o % scale;
                        hr[(c * hrHeight + y * scale + dy) * hrWidth + x * scale + dx] = s;
                    }
                }
            }
            return hr;
        }

        FloatImage apply(FloatImage image) {
            return new FloatImage(image.width() * scale, image.height() * scale, channels,
                    apply(image.data(), 0, image.width(), image.height()));
        }
    }
}
