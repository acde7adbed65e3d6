package org.classsr.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.classsr.engine.EngineSettings;
import org.classsr.model.ClassSrModel;
import org.classsr.model.LazyNetwork;

/**
 * The machine's measured limit beside what the networks reach: the throughput of one dense 3x3
 * convolution ({@code channels -> channels}, 'same' padding) through DJL/PyTorch, the best over a
 * few batch sizes up to a large one (a very large batch can fall out of cache), and each network's executed GFLOP/s on a batch of random tiles of the engine's
 * batch size. All in this JVM with the engine's intra-op threads; each rate is the median over
 * {@code repeats} timed forwards after one untimed one. Executed FLOPs are {@link
 * org.classsr.nn.MacCounter}'s (2 x MACs).
 */
public final class PeakMeasure {

    /**
     * What to measure.
     *
     * @param convChannels the dense convolution's input and output channels (56: FSRCNN-O's width)
     * @param convBatches tiles per dense-convolution batch, each measured
     * @param tile the LR tile side (the model's)
     * @param repeats timed forwards per measurement
     */
    public record Request(int convChannels, List<Integer> convBatches, int tile, int repeats) {

        /** Validates the values. */
        public Request {
            convBatches = List.copyOf(convBatches);
            if (convChannels < 1 || convBatches.isEmpty() || convBatches.stream().anyMatch(b -> b < 1) || tile < 1
                    || repeats < 1) {
                throw new IllegalArgumentException("peak measurement sizes must be >= 1: " + convChannels + ", "
                        + convBatches + ", " + tile + ", " + repeats);
            }
        }

        /** A 3x3 56 -> 56 convolution over 64 and 256 tiles of {@code tile}, 5 timed forwards each. */
        public static Request standard(int tile) {
            return new Request(56, List.of(64, 256), tile, 5);
        }
    }

    /**
     * One network to measure.
     *
     * @param label how the report names it (e.g. "ClassSR simple", "-O")
     * @param network the network (loaded on first use)
     * @param batch tiles per forward (the engine's batch size for this network)
     */
    public record Target(String label, LazyNetwork network, int batch) {}

    private PeakMeasure() {
    }

    /**
     * The networks bench compares: ClassSR's classifier and branches, then the "-O" network, each
     * at the engine's batch size for it.
     *
     * @param classsr the ClassSR model
     * @param original its "-O" model
     * @param engine the engine settings (batch sizes)
     * @return the targets
     */
    public static List<Target> targets(ClassSrModel classsr, ClassSrModel original, EngineSettings engine) {
        List<Target> out = new ArrayList<>();
        if (classsr.classifier() != null) {
            out.add(new Target("classifier", classsr.classifier(), engine.classifierBatchSize()));
        }
        for (LazyNetwork b : classsr.branches()) {
            out.add(new Target(b.name(), b, engine.batchSize()));
        }
        for (LazyNetwork b : original.branches()) {
            out.add(new Target("-O " + b.name(), b, engine.batchSize()));
        }
        return out;
    }

    /**
     * Measures the dense convolution, then every target.
     *
     * @param request sizes and repeats
     * @param targets the networks, in report order
     * @return the rates
     */
    public static PeakResult run(Request request, List<Target> targets) {
        try (NDManager manager = NDManager.newBaseManager()) {
            int c = request.convChannels();
            NDArray weight = manager.randomUniform(-0.05f, 0.05f, new Shape(c, c, 3, 3));
            NDArray bias = manager.zeros(new Shape(c));
            List<PeakResult.ConvRate> convs = new ArrayList<>();
            for (int batch : request.convBatches()) {
                Shape in = new Shape(batch, c, request.tile(), request.tile());
                Rate r = rate(manager, in, request.repeats(), 2.0 * in.size() * c * 9,
                        x -> Conv2d.conv2d(x, weight, bias, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow());
                convs.add(new PeakResult.ConvRate(batch, r.seconds(), r.gflops()));
            }
            List<PeakResult.NetworkRate> rates = new ArrayList<>();
            for (Target t : targets) {
                Block block = t.network().model().getBlock();
                Shape tiles = new Shape(t.batch(), 3, request.tile(), request.tile());
                double flops = 2.0 * t.network().macs().executed() * t.batch();
                Rate r = rate(manager, tiles, request.repeats(), flops,
                        x -> block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                                .singletonOrThrow());
                rates.add(new PeakResult.NetworkRate(t.label(), t.batch(), 2.0 * t.network().macs().executed(),
                        r.seconds(), r.gflops()));
            }
            String denseConv = "3x3 conv " + c + "->" + c + " on " + request.tile() + "x" + request.tile() + " tiles";
            return new PeakResult(denseConv, convs, threads(), rates);
        }
    }

    private record Rate(double seconds, double gflops) {}

    /** Median seconds of {@code repeats} forwards on random input (the output read back, as the engine does). */
    private static Rate rate(NDManager parent, Shape input, int repeats, double flops, Function<NDArray, NDArray> f) {
        double[] seconds = new double[repeats];
        for (int i = -1; i < repeats; i++) {
            try (NDManager m = parent.newSubManager()) {
                NDArray x = m.randomUniform(0f, 1f, input);
                long t = System.nanoTime();
                f.apply(x).toFloatArray();
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - t) / 1e9;
                }
            }
        }
        double median = Spread.of(seconds).median();
        return new Rate(median, flops / median / 1e9);
    }

    private static String threads() {
        return System.getProperty("ai.djl.pytorch.num_threads", "PyTorch default");
    }
}
