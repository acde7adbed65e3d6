package org.classsr.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.classsr.dataset.SampleDataset;

/**
 * L1 (or L2) between an SR network's output and the HR sub-image (pixels weighted as asked), on augmented
 * batches; watches the validation PSNR-Y and its gain over bicubic when its {@link SrWatch} says.
 */
final class SrObjective extends SrWatchedObjective {

    private final Net net;
    private final SampleDataset data;
    private final BatchPlan plan;
    private final PixelLoss loss;
    /** Per-pixel loss weights of a sub-image, or null for uniform. */
    private final float[] pixelWeights;

    SrObjective(Net net, SampleDataset data, BatchPlan plan) {
        this(net, data, plan, SrWatch.NONE, PixelLoss.L1, PixelWeighting.UNIFORM);
    }

    SrObjective(Net net, SampleDataset data, BatchPlan plan, SrWatch watch, PixelLoss loss,
            PixelWeighting weighting) {
        super(watch);
        this.net = net;
        this.data = data;
        this.plan = plan;
        this.loss = loss;
        this.pixelWeights = weighting.weights(data.format().hrSize());
    }

    @Override
    public List<String> watched() {
        return watch.any() ? List.of("val_psnr_y", "val_gain_db") : List.of();
    }

    @Override
    double[] measure() {
        return watch.validation().measure(net);
    }

    @Override
    public List<String> terms() {
        return List.of(loss.term());
    }

    @Override
    public double[] gradients(NDManager scratch, long step) {
        Batches.Pair b = Batches.load(data, plan.samples(step), plan.ops(step), scratch);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray value = loss.mean(net.forward(b.lr(), true), b.hr(), pixelWeights);
            gc.backward(value);
            return new double[] {value.getFloat()};
        }
    }
}
