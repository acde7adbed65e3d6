package org.classsr.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.classsr.dataset.SampleDataset;

/**
 * A pixel loss (L1 or L2, pixels weighted as asked) against the HR sub-images of augmented batches, watched on
 * validation sub-images when its {@link SrWatch} says; the chart shows the gain over bicubic.
 */
abstract class SrWatchedObjective implements TrainLoop.Objective {

    final SrWatch watch;
    final PixelLoss loss;
    /** Per-pixel loss weights of a sub-image, or null for uniform. */
    final float[] pixelWeights;
    private final SampleDataset data;
    private final BatchPlan plan;

    SrWatchedObjective(SrWatch watch, SampleDataset data, BatchPlan plan, PixelLoss loss, PixelWeighting weighting) {
        this.watch = watch;
        this.data = data;
        this.plan = plan;
        this.loss = loss;
        this.pixelWeights = weighting.weights(data.format().hrSize());
    }

    /** Step {@code step}'s augmented batch of LR/HR sub-images, in {@code scratch}. */
    Batches.Pair batch(NDManager scratch, long step) {
        return Batches.load(data, plan.samples(step), plan.ops(step), scratch);
    }

    @Override
    public List<String> terms() {
        return List.of(loss.term());
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
