package org.classsr.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;

/**
 * L1 (or L2) between an FSRCNN's output and the HR sub-image (pixels weighted as asked), on augmented
 * batches; optionally watches
 * the validation PSNR-Y and its gain over bicubic every {@code validateEvery} steps and
 * at the end.
 */
final class SrObjective implements TrainLoop.Objective {

    private final Net net;
    private final SampleDataset data;
    private final BatchPlan plan;
    private final SrValidation validation;
    private final long validateEvery;
    private final long lastStep;
    private final PixelLoss loss;
    /** Per-pixel loss weights of a sub-image, or null for uniform. */
    private final float[] pixelWeights;

    SrObjective(Net net, SampleDataset data, BatchPlan plan) {
        this(net, data, plan, null, 1, 1, PixelLoss.L1, PixelWeighting.UNIFORM);
    }

    /**
     * @param validation null for none
     * @param lastStep   the stage's last step, also validated
     */
    SrObjective(Net net, SampleDataset data, BatchPlan plan, SrValidation validation, long validateEvery,
            long lastStep, PixelLoss loss, PixelWeighting weighting) {
        if (validateEvery < 1) {
            throw new IllegalArgumentException("validate-every must be >= 1, got " + validateEvery);
        }
        this.net = net;
        this.data = data;
        this.plan = plan;
        this.validation = validation;
        this.validateEvery = validateEvery;
        this.lastStep = lastStep;
        this.loss = loss;
        this.pixelWeights = weighting.weights(data.format().hrSize());
    }

    @Override
    public List<String> watched() {
        return validation == null ? List.of() : List.of("val_psnr_y", "val_gain_db");
    }

    @Override
    public List<String> charted() {
        return validation == null ? List.of() : List.of("val_gain_db");
    }

    @Override
    public boolean watchesAt(long stepsDone) {
        return validation != null && (stepsDone % validateEvery == 0 || stepsDone == lastStep);
    }

    @Override
    public double[] watch(long stepsDone) {
        return validation.measure(net);
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
