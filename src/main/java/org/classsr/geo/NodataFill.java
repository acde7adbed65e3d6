package org.classsr.geo;

import java.util.Arrays;

/**
 * Replaces the invalid pixels of a plane by the value of a nearest valid pixel (a breadth-first
 * flood from every valid pixel, 4-connected), so that neither a network nor bicubic sees the
 * nodata value next to valid pixels and darkens them. Linear in the plane size.
 */
final class NodataFill {

    private NodataFill() {
    }

    /**
     * Fills {@code plane[offset .. offset + w*h)} in place where {@code invalid} is set.
     *
     * @param empty the value of a plane with no valid pixel
     */
    static void fill(float[] plane, int offset, int w, int h, boolean[] invalid, int invalidOffset, float empty) {
        int n = w * h;
        int[] queue = new int[n];
        int tail = 0;
        boolean[] done = new boolean[n];
        for (int p = 0; p < n; p++) {
            if (!invalid[invalidOffset + p]) {
                done[p] = true;
                queue[tail++] = p;
            }
        }
        if (tail == 0) {
            Arrays.fill(plane, offset, offset + n, empty);
            return;
        }
        if (tail == n) {
            return;
        }
        for (int head = 0; head < tail; head++) {
            int p = queue[head];
            int x = p % w;
            int y = p / w;
            float v = plane[offset + p];
            if (x > 0 && !done[p - 1]) {
                tail = visit(plane, offset, done, queue, tail, p - 1, v);
            }
            if (x < w - 1 && !done[p + 1]) {
                tail = visit(plane, offset, done, queue, tail, p + 1, v);
            }
            if (y > 0 && !done[p - w]) {
                tail = visit(plane, offset, done, queue, tail, p - w, v);
            }
            if (y < h - 1 && !done[p + w]) {
                tail = visit(plane, offset, done, queue, tail, p + w, v);
            }
        }
    }

    private static int visit(float[] plane, int offset, boolean[] done, int[] queue, int tail, int q, float v) {
        done[q] = true;
        plane[offset + q] = v;
        queue[tail] = q;
        return tail + 1;
    }
}
