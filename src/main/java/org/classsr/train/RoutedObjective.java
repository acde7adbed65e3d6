package org.classsr.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import org.classsr.dataset.SampleDataset;
import org.classsr.model.ClassCounts;

/**
 * Stage 5, the routed fine-tuning: L1 (or L2) of ClassSR's test-time output. The fixed classifier
 * routes each augmented sub-image (argmax of its logits plus the operating point's class bias) and
 * only that branch super-resolves it, so each branch learns from the sub-images it really gets at
 * the operating point, those the classifier sends it from other classes of the division included.
 * The loss is the mean over the whole batch, as if one network had produced it.
 * Watches the routed output's PSNR-Y on the validation sub-images and where they are routed.
 */
final class RoutedObjective extends SrWatchedObjective {

    private final Net classifier;
    private final List<Net> branches;
    private final double[] bias;

    RoutedObjective(Net classifier, List<Net> branches, double[] bias, SampleDataset data, BatchPlan plan,
            SrWatch watch, PixelLoss loss, PixelWeighting weighting) {
        super(watch, data, plan, loss, weighting);
        if (branches.size() != 3) {
            throw new IllegalArgumentException("need 3 branches, got " + branches.size());
        }
        this.classifier = classifier;
        this.branches = List.copyOf(branches);
        this.bias = bias.clone();
    }

    @Override
    public double[] gradients(NDManager scratch, long step) {
        Batches.Pair batch = batch(scratch, step);
        int[] classes = Routing.classes(classifier, batch.lr(), bias);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray sum = null;
            for (int c = 0; c < 3; c++) {
                int[] k = ClassCounts.members(classes, c);
                if (k.length == 0) {
                    continue;
                }
                // this class's rows of the loaded batch
                NDIndex rows = new NDIndex("{}", scratch.create(Arrays.stream(k).asLongStream().toArray()));
                NDArray err = loss.sum(branches.get(c).forward(batch.lr().get(rows), true), batch.hr().get(rows),
                        pixelWeights);
                sum = sum == null ? err : sum.add(err);
            }
            NDArray value = sum.div((float) batch.hr().size());
            gc.backward(value);
            return new double[] {value.getFloat()};
        }
    }

    @Override
    public List<String> watched() {
        return watch.any() ? List.of("val_psnr_y", "val_gain_db", "frac_simple", "frac_medium", "frac_hard")
                : List.of();
    }

    /** {routed PSNR-Y, its gain over bicubic, class fractions} on the validation sub-images. */
    @Override
    double[] measure() {
        return watch.validation().measureRouted(classifier, bias, branches);
    }
}
