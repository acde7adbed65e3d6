package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The average is checked against the run's own steps (each step's live weights, from its
     * checkpoint), not against a second run without an average: two runs agree only to PyTorch's
     * thread-order rounding, which Adam's first steps (about lr * sign(g)) blow up to lr on a
     * loaded machine.
     */
    @Test
    void aLoopWithAnAverageFinishesWithTheAverageOfItsSteps() throws IOException {
        Path data = TrainTestData.dataFolder(tmp);
        Path dataset = TrainTestData.dataset(data, tmp.resolve("ds"), "train");
        double decay = 0.8;
        int steps = 4;
        try (SampleDataset ds = SampleDataset.open(dataset); Net averaged = Net.fsrcnn(4, 4, 1);
                Net live = Net.fsrcnn(4, 4, 1); NDManager m = NDManager.newBaseManager()) {
            BatchPlan plan = new BatchPlan(BatchPlan.all(ds.size()), 1, 8, true);
            float[] start = flat(averaged);
            // killed and resumed half way; a checkpoint every step, all kept
            TrainLoop.run("avg", tmp.resolve("avg"), averaged.parameters(), new SrObjective(averaged, ds, plan),
                    new TrainLoop.Options(steps / 2, 1e-2, 1, 1, steps, 0, decay), TrainListener.SILENT);
            TrainLoop.Result r = TrainLoop.run("avg", tmp.resolve("avg"), averaged.parameters(),
                    new SrObjective(averaged, ds, plan), new TrainLoop.Options(steps, 1e-2, 1, 1, steps, 0, decay),
                    TrainListener.SILENT);
            assertEquals(steps / 2, r.startStep());
            float[][] last = checkAveragesOfCheckpoints(tmp.resolve("avg"), live, m, start, decay, 0, steps);
            float[] expected = last[0];
            float[] lastLive = last[1];
            assertArrayEquals(expected, flat(averaged), 1e-5f, "the net ends holding the average");
            // training went on from the live weights, not the average: they differ by about a step
            float maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i] - lastLive[i]));
            }
            assertTrue(maxDiff > 1e-3f, "the live weights are not the average: " + maxDiff);
        }
    }

    /** Before its start step the average is the live weights; from there it averages as usual. */
    @Test
    void anAverageWithALaterStartFollowsTheWeightsUntilThen() throws IOException {
        Path data = TrainTestData.dataFolder(tmp);
        Path dataset = TrainTestData.dataset(data, tmp.resolve("ds"), "train");
        double decay = 0.5;
        int steps = 4;
        int averageStart = 2;
        try (SampleDataset ds = SampleDataset.open(dataset); Net averaged = Net.fsrcnn(4, 4, 1);
                Net live = Net.fsrcnn(4, 4, 1); NDManager m = NDManager.newBaseManager()) {
            BatchPlan plan = new BatchPlan(BatchPlan.all(ds.size()), 1, 8, true);
            TrainLoop.run("late", tmp.resolve("late"), averaged.parameters(), new SrObjective(averaged, ds, plan),
                    new TrainLoop.Options(steps, 1e-2, 1, 1, steps, 0, decay, averageStart), TrainListener.SILENT);
            float[] expected = checkAveragesOfCheckpoints(tmp.resolve("late"), live, m, null, decay, averageStart,
                    steps)[0];
            assertArrayEquals(expected, flat(averaged), 1e-5f, "the net ends holding the average");
        }
        assertThrows(IllegalArgumentException.class, () -> new TrainLoop.Options(4, 1e-2, 1, 1, 4, 0, decay, -1));
    }

    /**
     * Checks each of a run's checkpoints 1..steps (one per step) carries, beside its live weights,
     * their average so far: from {@code start} with {@code decay}, and equal to the live weights up
     * to step {@code averageStart}. Returns the last average and the last live weights.
     */
    private static float[][] checkAveragesOfCheckpoints(Path dir, Net live, NDManager m, float[] start, double decay,
            int averageStart, int steps) throws IOException {
        float[] expected = start == null ? null : start.clone();
        float[] weights = null;
        for (int k = 1; k <= steps; k++) {
            NDList ckpt = NDList.decode(m, Files.readAllBytes(Checkpoints.file(dir, k)));
            weights = concat(ckpt, Checkpoints.NET, live);
            if (k <= averageStart) {
                expected = weights.clone();
            } else {
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (float) (decay * expected[i] + (1 - decay) * weights[i]);
                }
            }
            assertArrayEquals(expected, concat(ckpt, WeightAverage.PREFIX, live), 1e-5f, "checkpoint " + k);
        }
        return new float[][] {expected, weights};
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
