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

    SrObjective(Net net, SampleDataset data, BatchPlan plan) {
        this(net, data, plan, SrWatch.NONE, PixelLoss.L1, PixelWeighting.UNIFORM);
    }

    SrObjective(Net net, SampleDataset data, BatchPlan plan, SrWatch watch, PixelLoss loss,
            PixelWeighting weighting) {
        super(watch, data, plan, loss, weighting);
        this.net = net;
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
    public double[] gradients(NDManager scratch, long step) {
        Batches.Pair b = batch(scratch, step);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray value = loss.mean(net.forward(b.lr(), true), b.hr(), pixelWeights);
            gc.backward(value);
            return new double[] {value.getFloat()};
        }
    }
}
