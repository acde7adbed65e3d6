package org.classsr.bench.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.classsr.nn.CarnNet;

/**
 * Why CARN-M's narrow branches save less time than FLOPs: for each width nf, one grouped 3x3
 * convolution (group 4, as in CARN-M's residual blocks) and the whole CARN-M (x4) forward over
 * the same batch of 32x32 LR tiles, interleaved over rounds (widths in turn, each round in a new
 * order), median milliseconds and executed GFLOP/s of the convolution. Args: {@code [batch=32]
 * [rounds=9] [widths=32,36,48,52,64]}. Run with the test classpath (docs/performance.md) and
 * {@code -Dai.djl.pytorch.num_threads=N}; random weights (time does not depend on them).
 */
public final class GroupedConvWidths {

    private GroupedConvWidths() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int[] widths = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {32, 36, 48, 52, 64};
        int n = widths.length;
        double[][] convMs = new double[n][rounds];
        double[][] netMs = new double[n][rounds];
        try (NDManager manager = NDManager.newBaseManager()) {
            // inference: no autograd graph behind the forward passes (the engine's Predictor runs so)
            JniUtils.setGradMode(false);
            NDArray[] features = new NDArray[n];
            NDArray[] weights = new NDArray[n];
            NDArray[] biases = new NDArray[n];
            Block[] nets = new Block[n];
            Shape lrShape = new Shape(batch, 3, 32, 32);
            NDArray lr = manager.randomUniform(0, 1, lrShape);
            for (int i = 0; i < n; i++) {
                int c = widths[i];
                features[i] = manager.randomNormal(new Shape(batch, c, 32, 32));
                weights[i] = manager.randomNormal(0, 0.05f, new Shape(c, c / 4, 3, 3), DataType.FLOAT32);
                biases[i] = manager.zeros(new Shape(c));
                nets[i] = new CarnNet(c, 4, 4);
                nets[i].initialize(manager, DataType.FLOAT32, lrShape);
            }
            ParameterStore store = new ParameterStore(manager, false);
            for (int i = 0; i < n; i++) { // warm-up
                conv(features[i], weights[i], biases[i]);
                net(nets[i], store, lr);
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < n; k++) {
                    int i = (k + r) % n;
                    long t0 = System.nanoTime();
                    conv(features[i], weights[i], biases[i]);
                    long t1 = System.nanoTime();
                    net(nets[i], store, lr);
                    long t2 = System.nanoTime();
                    convMs[i][r] = (t1 - t0) / 1e6;
                    netMs[i][r] = (t2 - t1) / 1e6;
                }
            }
        }
        System.out.printf("batch %d of 32x32, %d rounds, median ms%n", batch, rounds);
        System.out.println("| nf | channels a group | grouped 3x3 conv ms | GFLOP/s | CARN-M forward ms | ms per tile | time vs nf "
                + widths[n - 1] + " |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        double widest = median(netMs[n - 1]);
        for (int i = 0; i < n; i++) {
            int c = widths[i];
            double flops = 2.0 * batch * 32 * 32 * c * (c / 4) * 9;
            double cm = median(convMs[i]);
            double nm = median(netMs[i]);
            System.out.printf("| %d | %d | %.2f | %.1f | %.1f | %.2f | %.3f |%n", c, c / 4, cm, flops / cm / 1e6, nm,
                    nm / batch, nm / widest);
        }
    }

    private static void conv(NDArray x, NDArray w, NDArray b) {
        try (NDList y = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 4)) {
            y.singletonOrThrow().toFloatArray();
        }
    }

    private static void net(Block block, ParameterStore store, NDArray lr) {
        // The input's copy in a sub-manager: the forward's intermediate arrays and output follow it
        // there and are freed with it, round after round.
        try (NDManager sub = lr.getManager().newSubManager()) {
            NDArray x = lr.duplicate();
            x.attach(sub);
            block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
