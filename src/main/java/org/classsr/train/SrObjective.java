package org.classsr.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;

/** L1 between an FSRCNN's output and the HR sub-image, on augmented batches. */
final class SrObjective implements TrainLoop.Objective {

    private final Net net;
    private final SampleDataset data;
    private final BatchPlan plan;

    SrObjective(Net net, SampleDataset data, BatchPlan plan) {
        this.net = net;
        this.data = data;
        this.plan = plan;
    }

    @Override
    public List<String> terms() {
        return List.of("l1");
    }

    @Override
    public double[] gradients(NDManager scratch, long step) {
        Batches.Pair b = Batches.load(data, plan.samples(step), plan.ops(step), scratch);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = ClassSrLoss.l1(net.forward(b.lr(), true), b.hr());
            gc.backward(loss);
            return new double[] {loss.getFloat()};
        }
    }
}
