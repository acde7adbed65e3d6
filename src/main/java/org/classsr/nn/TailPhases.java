package org.classsr.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which taps of the sub-pixel tail are real for each output phase, and the phases grouped by
 * their real tap windows (see {@link SubPixelConverter} for the geometry).
 *
 * <p>Along one axis, phase {@code r} (0..3) at sub-pixel tap {@code a} (0..2) reads the transposed
 * kernel at {@code r + 7 - 4a}, real only inside 0..8: phase 0 has taps {0, 1}, phase 1 taps {0,
 * 1, 2}, phases 2 and 3 taps {1, 2}. So 9 of the 12 (phase, tap) pairs per axis are real, 81 of
 * 144 in two dimensions, and the phases fall into three spans per axis: {1} x 3 taps from 0, {0} x
 * 2 taps from 0, {2, 3} x 2 taps from 1. A group is one row span with one column span: nine
 * groups, each one small convolution over exactly its real taps.
 */
public final class TailPhases {

    private static final int SCALE = SubPixelConverter.SCALE;
    private static final int K = SubPixelConverter.SUB_KERNEL;
    private static final List<Span> SPANS = spans();
    private static final List<Group> GROUPS = groups(SPANS);

    private TailPhases() {}

    /**
     * Phases along one axis sharing one window of real taps.
     *
     * @param phases the phases (0..3), ascending
     * @param first the first real tap (0..2)
     * @param taps how many consecutive taps are real
     */
    public record Span(int[] phases, int first, int taps) {}

    /**
     * One convolution of the phase tail: the row span times the column span.
     *
     * @param rows the row phases and their taps
     * @param cols the column phases and their taps
     */
    public record Group(Span rows, Span cols) {}

    /**
     * Whether sub-pixel tap {@code tap} is real for phase {@code phase} along one axis.
     *
     * @param phase 0..3
     * @param tap 0..2
     * @return true when the transposed kernel index {@code phase + 7 - 4 tap} lies in 0..8
     */
    public static boolean isReal(int phase, int tap) {
        int k = phase + SubPixelConverter.PADDING + SCALE - SCALE * tap;
        return k >= 0 && k < SubPixelConverter.KERNEL;
    }

    /** The row spans (the column spans are the same). */
    public static List<Span> spans() {
        if (SPANS != null) {
            return SPANS;
        }
        Map<Integer, List<Integer>> byWindow = new LinkedHashMap<>(); // key: first * (K + 1) + taps
        int[] order = {1, 0, 2, 3}; // the 3-tap phase first
        for (int r : order) {
            int first = -1;
            int taps = 0;
            for (int a = 0; a < K; a++) {
                if (isReal(r, a)) {
                    if (first < 0) {
                        first = a;
                    }
                    taps++;
                }
            }
            byWindow.computeIfAbsent(first * (K + 1) + taps, key -> new ArrayList<>()).add(r);
        }
        List<Span> out = new ArrayList<>();
        byWindow.forEach((key, phases) ->
                out.add(new Span(phases.stream().mapToInt(Integer::intValue).toArray(), key / (K + 1), key % (K + 1))));
        return List.copyOf(out);
    }

    /** The nine groups, row span major. */
    public static List<Group> groups() {
        return GROUPS;
    }

    /** Real taps per (input channel, colour, LR pixel) over all 16 phases: 81. */
    public static int realTaps() {
        int perAxis = 0;
        for (Span s : SPANS) {
            perAxis += s.phases().length * s.taps();
        }
        return perAxis * perAxis;
    }

    private static List<Group> groups(List<Span> spans) {
        List<Group> out = new ArrayList<>();
        for (Span rows : spans) {
            for (Span cols : spans) {
                out.add(new Group(rows, cols));
            }
        }
        return List.copyOf(out);
    }
}
