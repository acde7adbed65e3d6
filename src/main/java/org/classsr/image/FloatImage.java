package org.classsr.image;

import java.util.Arrays;

/**
 * A plain image of floats in planar (channel, row, column) order, values nominally in [0, 1].
 *
 * <p>This is the one pixel container shared by every package: it holds no OpenCV or DJL object,
 * so tiles, engines and Spark rows can pass it around freely. Channel order is R, G, B for colour
 * images; a single channel is grey. The array is owned by the image: callers that keep a reference
 * to {@link #data()} must not write to it unless they created the image.
 */
public record FloatImage(int width, int height, int channels, float[] data) {

    public FloatImage {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "image dimensions must be positive, got " + width + "x" + height + "x" + channels);
        }
        long expected = (long) width * height * channels;
        if (data == null || data.length != expected) {
            throw new IllegalArgumentException("image of " + width + "x" + height + "x" + channels
                    + " needs " + expected + " values, got " + (data == null ? "null" : data.length));
        }
    }

    /** A black image. */
    public static FloatImage zeros(int width, int height, int channels) {
        long size = (long) width * height * channels;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image of " + width + "x" + height + "x" + channels
                    + " is too large for one array; stream it in bands instead");
        }
        return new FloatImage(width, height, channels, new float[(int) size]);
    }

    /** Number of values in one channel plane. */
    public int planeSize() {
        return width * height;
    }

    /** Index of (channel, x, y) in {@link #data()}. */
    public int index(int channel, int x, int y) {
        return (channel * height + y) * width + x;
    }

    public float get(int channel, int x, int y) {
        return data[index(channel, x, y)];
    }

    public void set(int channel, int x, int y, float value) {
        data[index(channel, x, y)] = value;
    }

    /** A copy of one channel as a new single-channel image. */
    public FloatImage channel(int channel) {
        int n = planeSize();
        return new FloatImage(width, height, 1, Arrays.copyOfRange(data, channel * n, (channel + 1) * n));
    }

    /** Crops the right and bottom so both sides are multiples of the scale (SR papers' "modcrop"). */
    public FloatImage cropToMultiple(int scale) {
        int w = width - width % scale;
        int h = height - height % scale;
        if (w == 0 || h == 0) {
            throw new IllegalArgumentException("image of " + width + "x" + height
                    + " is smaller than the scale " + scale);
        }
        if (w == width && h == height) {
            return this;
        }
        FloatImage out = FloatImage.zeros(w, h, channels);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(data, index(c, 0, y), out.data(), out.index(c, 0, y), w);
            }
        }
        return out;
    }

    /** A deep copy. */
    public FloatImage copy() {
        return new FloatImage(width, height, channels, data.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatImage other && width == other.width && height == other.height
                && channels == other.channels && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatImage[" + width + "x" + height + "x" + channels + "]";
    }
}
