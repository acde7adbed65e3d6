package org.classsr.train;

/**
 * Cosine annealing from {@code lr} to {@code lr * minRatio} over {@code steps} (no restarts):
 * {@code lr_t = min + (lr - min) (1 + cos(pi t / steps)) / 2}. BasicSR/ClassSR anneal with a
 * cosine too; one period fits our short CPU budgets, keeps Adam's large early steps, and lands
 * on a small rate for the last refinements, without the hand-tuned milestones of a step decay.
 *
 * <p>A stage continued from trained weights ({@link Continuation}) runs one new period from
 * {@code start} (the steps those weights had) to {@code steps}.
 */
public record LrSchedule(double lr, double minRatio, long start, long steps) {

    public LrSchedule {
        if (!(lr > 0) || minRatio < 0 || minRatio > 1 || steps < 1 || start < 0) {
            throw new IllegalArgumentException("learning rate must be > 0, min ratio in [0, 1], steps >= 1, "
                    + "start >= 0; got " + lr + ", " + minRatio + ", " + steps + ", " + start);
        }
    }

    /** One period over steps 0 .. {@code steps}. */
    public LrSchedule(double lr, double minRatio, long steps) {
        this(lr, minRatio, 0, steps);
    }

    public double at(long step) {
        double min = lr * minRatio;
        double f = step >= steps ? 1.0 : Math.max(0.0, (double) (step - start) / (steps - start));
        return min + (lr - min) * 0.5 * (1 + Math.cos(Math.PI * f));
    }
}
