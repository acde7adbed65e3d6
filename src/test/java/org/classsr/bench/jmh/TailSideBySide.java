package org.classsr.bench.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.classsr.nn.BlockParameters;
import org.classsr.nn.FsrcnnNet;
import org.classsr.nn.SubPixelConverter;

/**
 * FSRCNN with the dense sub-pixel tail against the same network with {@link
 * org.classsr.nn.PhaseTailBlock}, in one process, interleaved: both get identical weights converted
 * from one random transposed convolution, each round times one forward of each on the same batch
 * (alternating which goes first), and the report gives the median seconds and the median of the
 * per-round ratios. Args: {@code [d=56] [batch=64] [rounds=30] [tile=32]}. Run with the test
 * classpath (README "Performance") and {@code -Dai.djl.pytorch.num_threads=N}.
 */
public final class TailSideBySide {

    private TailSideBySide() {
    }

    public static void main(String[] args) {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 56;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int tile = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        Shape input = new Shape(batch, 3, tile, tile);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block dense = FsrcnnNet.builder().setChannels(d).build();
            Block phases = FsrcnnNet.builder().setChannels(d).optTail(FsrcnnNet.Tail.PHASES).build();
            dense.initialize(manager, DataType.FLOAT32, input);
            phases.initialize(manager, DataType.FLOAT32, input);
            Random rng = new Random(22);
            float[] deconv = new float[d * 3 * 81];
            for (int i = 0; i < deconv.length; i++) {
                deconv[i] = (rng.nextFloat() - 0.5f) * 0.1f;
            }
            SubPixelConverter.SubPixelWeights sub = SubPixelConverter.convert(deconv, new long[] {d, 3, 9, 9}, new float[3]);
            Map<String, Parameter> from = BlockParameters.parameters(dense);
            from.get("15Conv2d_weight").getArray().set(sub.weight());
            Map<String, Parameter> to = BlockParameters.parameters(phases);
            from.forEach((name, p) -> to.get(name).getArray().set(p.getArray().toFloatArray()));
            float[] x = new float[(int) input.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextFloat();
            }
            float maxDiff = maxDiff(forward(dense, manager, x, input), forward(phases, manager, x, input));
            for (int i = 0; i < 3; i++) { // warm-up
                forward(dense, manager, x, input);
                forward(phases, manager, x, input);
            }
            double[] tDense = new double[rounds];
            double[] tPhases = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean denseFirst = r % 2 == 0;
                double a = denseFirst ? time(dense, manager, x, input) : 0;
                tPhases[r] = time(phases, manager, x, input);
                tDense[r] = denseFirst ? a : time(dense, manager, x, input);
                ratio[r] = tPhases[r] / tDense[r];
            }
            System.out.printf("FSRCNN d=%d, batch %d of %dx%d, %d rounds, threads %s%n", d, batch, tile, tile, rounds,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.printf("max |dense - phases| = %.2e%n", maxDiff);
            System.out.printf("dense tail : median %.4f s/batch [%.4f, %.4f]%n", median(tDense), min(tDense), max(tDense));
            System.out.printf("phase tail : median %.4f s/batch [%.4f, %.4f]%n", median(tPhases), min(tPhases),
                    max(tPhases));
            System.out.printf("ratio phases/dense: median of rounds %.3f, of medians %.3f%n", median(ratio),
                    median(tPhases) / median(tDense));
        }
    }

    private static float[] forward(Block block, NDManager parent, float[] x, Shape shape) {
        try (NDManager m = parent.newSubManager()) {
            NDArray in = m.create(x, shape);
            return block.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow().toFloatArray();
        }
    }

    private static double time(Block block, NDManager parent, float[] x, Shape shape) {
        long t = System.nanoTime();
        forward(block, parent, x, shape);
        return (System.nanoTime() - t) / 1e9;
    }

    private static float maxDiff(float[] a, float[] b) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
