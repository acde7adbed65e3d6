package org.classsr.train;

import java.util.List;

/** An objective watched on validation sub-images when its {@link SrWatch} says; the chart shows the gain over bicubic. */
abstract class SrWatchedObjective implements TrainLoop.Objective {

    final SrWatch watch;

    SrWatchedObjective(SrWatch watch) {
        this.watch = watch;
    }

    /** The watched values now, in the order of {@link #watched()}. */
    abstract double[] measure();

    @Override
    public List<String> charted() {
        return watch.any() ? List.of("val_gain_db") : List.of();
    }

    @Override
    public boolean watchesAt(long stepsDone) {
        return watch.at(stepsDone);
    }

    @Override
    public double[] watch(long stepsDone) {
        return measure();
    }
}
