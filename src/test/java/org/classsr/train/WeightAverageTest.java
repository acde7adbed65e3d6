package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classsr.dataset.SampleDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightAverageTest {

    @TempDir
    Path tmp;

    private static float[] values(Parameter p) {
        return p.getArray().toFloatArray();
    }

    private static void set(Parameter p, float... v) {
        p.getArray().set(v);
    }

    @Test
    void averagesSwapsAndRestores() {
        try (Net net = Net.fsrcnn(2, 4, 1)) {
            Map<String, Parameter> params = net.parameters();
            Parameter p = params.values().iterator().next();
            int n = values(p).length;
            float[] w0 = values(p);
            try (WeightAverage avg = new WeightAverage(params, 0.75)) {
                float[] w1 = new float[n];
                java.util.Arrays.fill(w1, 2f);
                set(p, w1);
                avg.update();
                float[] expected = new float[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = 0.75f * w0[i] + 0.25f * 2f;
                }
                avg.swap();
                assertArrayEquals(expected, values(p), 1e-6f, "the parameters hold the average");
                avg.swap();
                assertArrayEquals(w1, values(p), 0f, "and get their own values back");

                // a checkpoint's average is restored; one without any restarts at the weights
                try (NDManager m = NDManager.newBaseManager()) {
                    NDList saved = new NDList(avg.state(m));
                    assertEquals(params.size(), saved.size());
                    try (WeightAverage back = new WeightAverage(params, 0.75)) {
                        back.load(saved);
                        back.swap();
                        assertArrayEquals(expected, values(p), 1e-6f);
                        back.swap();
                        back.load(new NDList());
                        back.swap();
                        assertArrayEquals(w1, values(p), 0f);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(Map.of(), 1.0));
    }

    @Test
    void aLoopWithAnAverageFinishesWithTheAverageOfItsSteps() throws IOException {
        Path data = TrainTestData.dataFolder(tmp);
        Path dataset = TrainTestData.dataset(data, tmp.resolve("ds"), "train");
        double decay = 0.8;
        int steps = 4;
        try (SampleDataset ds = SampleDataset.open(dataset); Net plain = Net.fsrcnn(4, 4, 1);
                Net averaged = Net.fsrcnn(4, 4, 1)) {
            BatchPlan plan = new BatchPlan(BatchPlan.all(ds.size()), 1, 8, true);
            // the plain run one step per call (checkpoint every step), recording each step's weights
            List<float[]> weights = new ArrayList<>();
            weights.add(flat(plain));
            for (int k = 1; k <= steps; k++) {
                TrainLoop.run("plain", tmp.resolve("plain"), plain.parameters(), new SrObjective(plain, ds, plan),
                        new TrainLoop.Options(k, 1e-2, 1, 1, 1), TrainListener.SILENT);
                weights.add(flat(plain));
            }
            // the averaging run, killed and resumed half way
            TrainLoop.run("avg", tmp.resolve("avg"), averaged.parameters(), new SrObjective(averaged, ds, plan),
                    new TrainLoop.Options(steps / 2, 1e-2, 1, 1, 1, 0, decay), TrainListener.SILENT);
            TrainLoop.Result r = TrainLoop.run("avg", tmp.resolve("avg"), averaged.parameters(),
                    new SrObjective(averaged, ds, plan), new TrainLoop.Options(steps, 1e-2, 1, 1, 1, 0, decay),
                    TrainListener.SILENT);
            assertEquals(steps / 2, r.startStep());
            float[] expected = weights.get(0).clone();
            for (int k = 1; k <= steps; k++) {
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (float) (decay * expected[i] + (1 - decay) * weights.get(k)[i]);
                }
            }
            float[] got = flat(averaged);
            assertArrayEquals(expected, got, 1e-5f);
            // the averaging does not change the training itself: its checkpoint holds the plain weights
            try (Net live = Net.fsrcnn(4, 4, 1); NDManager m = NDManager.newBaseManager()) {
                NDList ckpt = NDList.decode(m, Files.readAllBytes(Checkpoints.file(tmp.resolve("avg"), steps)));
                float[] liveWeights = concat(ckpt, Checkpoints.NET, live);
                assertArrayEquals(weights.get(steps), liveWeights, 1e-6f);
                assertArrayEquals(expected, concat(ckpt, WeightAverage.PREFIX, live), 1e-5f);
            }
        }
    }

    private static float[] flat(Net net) {
        List<Float> all = new ArrayList<>();
        for (Parameter p : net.parameters().values()) {
            for (float v : values(p)) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    /** The arrays named prefix + parameter name, in the net's parameter order, flattened. */
    private static float[] concat(NDList stored, String prefix, Net net) {
        List<Float> all = new ArrayList<>();
        for (String name : net.parameters().keySet()) {
            NDArray a = stored.stream().filter(x -> (prefix + name).equals(x.getName())).findFirst().orElseThrow();
            for (float v : a.toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
