package org.classsr.train;

/**
 * Cosine annealing from {@code lr} to {@code lr * minRatio} over {@code steps} (no restarts):
 * {@code lr_t = min + (lr - min) (1 + cos(pi t / steps)) / 2}. BasicSR/ClassSR anneal with a
 * cosine too; one period fits our short CPU budgets, keeps Adam's large early steps, and lands
 * on a small rate for the last refinements, without the hand-tuned milestones of a step decay.
 */
public record LrSchedule(double lr, double minRatio, long steps) {

    public LrSchedule {
        if (!(lr > 0) || minRatio < 0 || minRatio > 1 || steps < 1) {
            throw new IllegalArgumentException("learning rate must be > 0, min ratio in [0, 1], steps >= 1; got "
                    + lr + ", " + minRatio + ", " + steps);
        }
    }

    public double at(long step) {
        double min = lr * minRatio;
        double f = Math.min(1.0, (double) step / steps);
        return min + (lr - min) * 0.5 * (1 + Math.cos(Math.PI * f));
    }
}
