package org.classsr.engine;

import java.io.Serializable;

/**
 * A position on the bias axis that decides every tile's class under a budget.
 *
 * <p>With class-bias [b, 0, -b] a tile with logits (s, m, h) is hard while
 * {@code b < min(h - m, (h - s) / 2)} (its hard edge), simple from {@code b >= max(m - s, (h - s) / 2)}
 * (its simple edge) and medium in between: as b grows, tiles only move towards simple. Each edge is
 * an event; events are ordered by (edge, image rank, tile index, kind), a total order, so tiles with
 * equal logits move one at a time in image and row-major order rather than all at once. A tile
 * whose two edges coincide (medium never wins its argmax) has one event, hard to simple, of kind 1.
 * A cut is
 * the last event applied: a tile's event counts when its key is at or before the cut.
 *
 * @param edge the knob value b of the last event applied
 * @param image the rank of its image (images ordered by name)
 * @param index its tile's row-major index in the image
 * @param kind 0: hard to medium, 1: medium to simple
 */
public record BudgetCut(double edge, int image, int index, int kind) implements Serializable, Comparable<BudgetCut> {

    /** No event applied: every tile hard. */
    public static final BudgetCut NONE = new BudgetCut(Double.NEGATIVE_INFINITY, -1, -1, -1);

    /** Kind of the event hard to medium. */
    public static final int TO_MEDIUM = 0;
    /** Kind of the event medium to simple. */
    public static final int TO_SIMPLE = 1;

    @Override
    public int compareTo(BudgetCut o) {
        return compare(edge, image, index, kind, o);
    }

    /** How the event (edge, image, index, kind) orders against {@code cut}. */
    static int compare(double edge, int image, int index, int kind, BudgetCut cut) {
        int c = Double.compare(edge, cut.edge);
        if (c == 0) {
            c = Integer.compare(image, cut.image);
        }
        if (c == 0) {
            c = Integer.compare(index, cut.index);
        }
        return c != 0 ? c : Integer.compare(kind, cut.kind);
    }

    /** The knob value from which a tile with these logits is no longer hard. */
    public static double hardEdge(float simple, float medium, float hard) {
        return Math.min((double) hard - medium, ((double) hard - simple) / 2);
    }

    /** The knob value from which a tile with these logits is simple. */
    public static double simpleEdge(float simple, float medium, float hard) {
        return Math.max((double) medium - simple, ((double) hard - simple) / 2);
    }

    /**
     * The class (0 simple, 1 medium, 2 hard) of tile {@code index} of the image of rank {@code image},
     * whose logits start at {@code logits[3 * index]}.
     */
    public int classOf(float[] logits, int image, int index) {
        return classOf(logits[3 * index], logits[3 * index + 1], logits[3 * index + 2], image, index);
    }

    /** The class (0 simple, 1 medium, 2 hard) of a tile with logits (s, m, h). */
    public int classOf(float s, float m, float h, int image, int index) {
        double simpleEdge = simpleEdge(s, m, h);
        if (compare(simpleEdge, image, index, TO_SIMPLE, this) <= 0) {
            return 0;
        }
        double hardEdge = hardEdge(s, m, h);
        if (hardEdge == simpleEdge) {
            return 2; // no medium interval: the tile's one event (hard to simple) is not applied
        }
        return compare(hardEdge, image, index, TO_MEDIUM, this) <= 0 ? 1 : 2;
    }
}
