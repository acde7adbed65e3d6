package org.classsr.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resumable loop every training stage shares: restore the newest checkpoint, then for each
 * step compute gradients (the {@link Objective}), update with {@link AdamOptimizer} at the
 * cosine-annealed rate, log a CSV row, and every {@code checkpointEvery} steps and at the end
 * write a checkpoint and redraw the loss chart. Because the batch of step s and the learning rate
 * depend only on s, a run killed at any moment and resumed ends in the same state as one that
 * never stopped (up to the steps after the last checkpoint, which are redone). With an
 * {@code averageDecay} the loop keeps a {@link WeightAverage} of the weights from step
 * {@code averageStart} on (before it the average is the weights themselves): the watched values
 * are measured on it, and the parameters hold it when the loop returns.
 */
public final class TrainLoop {

    private TrainLoop() {
    }

    /**
     * Loop settings.
     *
     * @param scheduleStart the step the learning-rate cosine starts from (0, or the steps of the
     *                      weights a continued stage started from)
     * @param averageDecay  the decay of the {@link WeightAverage} the stage finishes with, or 0 for
     *                      none (the last weights)
     * @param averageStart  the step after which the average starts accumulating; until then it is
     *                      restarted at the weights after every update, so a start far from the
     *                      optimum (e.g. weights sliced from a wider network) does not linger in it
     */
    public record Options(long steps, double lr, double minLrRatio, int checkpointEvery, int keepCheckpoints,
            long scheduleStart, double averageDecay, long averageStart) {
        public Options {
            if (steps < 1 || checkpointEvery < 1 || keepCheckpoints < 1 || scheduleStart < 0
                    || !(averageDecay >= 0 && averageDecay < 1) || averageStart < 0) {
                throw new IllegalArgumentException("steps, checkpoint-every and keep-checkpoints must be >= 1, the "
                        + "schedule start >= 0, the average decay in [0, 1) and its start >= 0, got " + steps + ", "
                        + checkpointEvery + ", " + keepCheckpoints + ", " + scheduleStart + ", " + averageDecay + ", "
                        + averageStart);
            }
        }

        /** An average from the first step (or none). */
        public Options(long steps, double lr, double minLrRatio, int checkpointEvery, int keepCheckpoints,
                long scheduleStart, double averageDecay) {
            this(steps, lr, minLrRatio, checkpointEvery, keepCheckpoints, scheduleStart, averageDecay, 0);
        }

        public Options(long steps, double lr, double minLrRatio, int checkpointEvery, int keepCheckpoints) {
            this(steps, lr, minLrRatio, checkpointEvery, keepCheckpoints, 0, 0);
        }
    }

    /** What a stage trains. */
    public interface Objective {

        /** Names of the loss terms; the first is the minimised total. */
        List<String> terms();

        /** Runs forward and backward for {@code step}'s batch on {@code scratch}; returns the term values. */
        double[] gradients(NDManager scratch, long step);

        /** Names of values watched now and then (e.g. class fractions). */
        default List<String> watched() {
            return List.of();
        }

        /** The watched values drawn in {@code watch.png} (they share one scale). */
        default List<String> charted() {
            return watched();
        }

        /** Whether the watched values are measured after {@code stepsDone} steps. */
        default boolean watchesAt(long stepsDone) {
            return false;
        }

        /** The stages' watch schedule: every {@code every} steps and after the stage's {@code lastStep}. */
        static boolean everyOrLast(long stepsDone, long every, long lastStep) {
            return stepsDone % every == 0 || stepsDone == lastStep;
        }

        /** The watched values after {@code stepsDone} steps; called only when {@link #watchesAt} says so. */
        default double[] watch(long stepsDone) {
            throw new UnsupportedOperationException("this objective watches nothing");
        }
    }

    /**
     * What a call did.
     *
     * @param startStep      the step it resumed from (0 = fresh)
     * @param endStep        steps done when it returned
     * @param losses         the total loss of each step it ran
     * @param secondsPerStep mean wall seconds of its steps (NaN when none ran)
     */
    public record Result(long startStep, long endStep, double[] losses, double secondsPerStep) {
    }

    public static Result run(String name, Path dir, Map<String, Parameter> params, Objective objective,
            Options options, TrainListener listener) throws IOException {
        Files.createDirectories(dir);
        try (AdamOptimizer adam = new AdamOptimizer(params);
                WeightAverage average = options.averageDecay() > 0
                        ? new WeightAverage(params, options.averageDecay()) : null) {
            long start = Checkpoints.restoreLatest(dir, params, adam, average, listener);
            if (start >= options.steps()) {
                listener.message(name + ": already trained (" + start + " steps)");
                if (average != null) {
                    average.swap();
                }
                return new Result(start, start, new double[0], Double.NaN);
            }
            if (start > 0) {
                listener.message(name + ": resuming from the checkpoint at step " + start);
            }
            List<String> columns = new ArrayList<>();
            columns.add("step");
            columns.addAll(objective.terms());
            columns.add("lr");
            columns.add("seconds");
            columns.addAll(objective.watched());
            LrSchedule schedule = new LrSchedule(options.lr(), options.minLrRatio(), options.scheduleStart(),
                    options.steps());
            int nTerms = objective.terms().size();
            int nWatch = objective.watched().size();
            double[] losses = new double[(int) (options.steps() - start)];
            double totalSeconds = 0;
            double windowLoss = 0;
            double windowSeconds = 0;
            int window = 0;
            Path csv = dir.resolve("loss.csv");
            try (LossLog log = LossLog.open(csv, columns, start)) {
                listener.begin(name, start, options.steps());
                try {
                    for (long step = start; step < options.steps(); step++) {
                        long t0 = System.nanoTime();
                        double lr = schedule.at(step);
                        double[] terms;
                        try (NDManager scratch = NDManager.newBaseManager()) {
                            terms = objective.gradients(scratch, step);
                            if (!Double.isFinite(terms[0])) {
                                throw new IllegalStateException(name + ": loss is " + terms[0] + " at step " + step
                                        + " (diverged; lower the learning rate)");
                            }
                            adam.step(lr);
                            if (average != null && step < options.averageStart()) {
                                average.restart();
                            } else if (average != null) {
                                average.update();
                            }
                        }
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        long done = step + 1;
                        double[] watched = watch(objective, done, average);
                        double[] row = new double[nTerms + 2 + nWatch];
                        System.arraycopy(terms, 0, row, 0, nTerms);
                        row[nTerms] = lr;
                        row[nTerms + 1] = seconds;
                        for (int i = 0; i < nWatch; i++) {
                            row[nTerms + 2 + i] = watched == null ? Double.NaN : watched[i];
                        }
                        log.row(done, row);
                        losses[(int) (step - start)] = terms[0];
                        totalSeconds += seconds;
                        windowLoss += terms[0];
                        windowSeconds += seconds;
                        window++;
                        listener.advance(1);
                        if (watched != null) {
                            listener.message(name + ": step " + done + " " + format(objective.watched(), watched));
                        }
                        if (done % options.checkpointEvery() == 0 || done == options.steps()) {
                            log.flush();
                            Checkpoints.save(dir, done, params, adam, average, options.keepCheckpoints());
                            Charts.lossChart(csv, columns, objective.terms(), name + " loss", dir.resolve("loss.png"));
                            if (!objective.charted().isEmpty()) {
                                Charts.watchChart(csv, columns, objective.charted(), name + " (watched)",
                                        dir.resolve("watch.png"));
                            }
                            listener.message(String.format(Locale.ROOT,
                                    "%s: step %d/%d  %s %.5g  lr %.3g  %.3f s/step  (checkpoint)", name, done,
                                    options.steps(), objective.terms().get(0), windowLoss / window, lr,
                                    windowSeconds / window));
                            windowLoss = 0;
                            windowSeconds = 0;
                            window = 0;
                        }
                    }
                } finally {
                    listener.end();
                }
            }
            if (average != null) {
                average.swap();
            }
            int ran = losses.length;
            return new Result(start, options.steps(), losses, totalSeconds / ran);
        }
    }

    /**
     * The objective's watched values after {@code done} steps (null when not measured then), measured
     * on the weight average when there is one.
     */
    private static double[] watch(Objective objective, long done, WeightAverage average) {
        if (!objective.watchesAt(done)) {
            return null;
        }
        if (average == null) {
            return objective.watch(done);
        }
        average.swap();
        try {
            return objective.watch(done);
        } finally {
            average.swap();
        }
    }

    static String format(List<String> names, double[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : "  ").append(names.get(i)).append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", values[i]));
        }
        return sb.toString();
    }
}
