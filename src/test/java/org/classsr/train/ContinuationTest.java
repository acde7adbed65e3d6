package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.classsr.dataset.DatasetIndex;
import org.classsr.model.ModelException;
import org.classsr.model.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinuationTest {

    @TempDir
    static Path shared;
    static Path dataset;
    /** Models trained 6 steps per stage, with a training record beside them as the repo keeps one. */
    static Path models;
    static Path firstWork;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainModelsForSixSteps() throws IOException {
        dataset = TrainTestData.dataset(TrainTestData.dataFolder(shared), shared.resolve("train-ds"), "train");
        firstWork = shared.resolve("work");
        models = shared.resolve("models");
        new Training(new TrainPaths(dataset, firstWork, null, models), TrainTestData.settings(6),
                TrainListener.SILENT).run(TrainStage.ALL);
        Path record = models.resolve(Packager.CLASSSR_FOLDER).resolve("training").resolve(TrainStage.ORIGINAL.key());
        Files.createDirectories(record);
        Files.copy(firstWork.resolve("original/loss.csv"), record.resolve("loss.csv"));
    }

    private static String manifest() throws IOException {
        return DatasetIndex.read(dataset).manifestSha256();
    }

    private static TrainSettings tenSteps() {
        TrainSettings s = TrainTestData.settings(6);
        for (TrainStage stage : List.of(TrainStage.ORIGINAL, TrainStage.BRANCHES, TrainStage.CLASSIFIER)) {
            s = s.withStage(stage, 10L, null, null);
        }
        return s;
    }

    @Test
    void aContinuedPeriodStartsAtTheFullRateFromItsStartStep() {
        LrSchedule continued = new LrSchedule(1e-3, 0.01, 100, 200);
        assertEquals(1e-3, continued.at(100), 1e-12);
        assertEquals(0.5 * (1e-3 + 1e-5), continued.at(150), 1e-12);
        assertEquals(1e-5, continued.at(200), 1e-12);
        LrSchedule fresh = new LrSchedule(1e-3, 0.01, 200);
        assertEquals(new LrSchedule(1e-3, 0.01, 0, 200), fresh);
        assertEquals(fresh.at(150), new LrSchedule(1e-3, 0.01, 0, 200).at(150), 0);
        assertTrue(fresh.at(150) < continued.at(150));
    }

    @Test
    void seedingWritesTheModelsWeightsWithAFreshOptimizerAtTheirSteps() throws IOException {
        Continuation.Source src = Continuation.find(models, SrFamily.FSRCNN, "branches/medium", manifest());
        assertEquals(6, src.steps());
        assertEquals(models.resolve("classsr-fsrcnn/medium.safetensors"), src.weights());
        Path dir = tmp.resolve("medium");
        try (Net net = Net.fsrcnn(6, 4, 99)) {
            Continuation.seed(dir, src, net, 2);
        }
        assertEquals(List.of(6L), Checkpoints.steps(dir));
        assertEquals(6, Continuation.scheduleStart(dir));
        try (NDManager m = NDManager.newBaseManager()) {
            NDList ckpt = NDList.decode(m, Files.readAllBytes(Checkpoints.file(dir, 6)));
            NDList shipped = NDList.decode(m, Files.readAllBytes(src.weights()));
            for (NDArray w : shipped) {
                NDArray c = ckpt.get(Checkpoints.NET + w.getName());
                assertArrayEquals(w.toFloatArray(), c.toFloatArray(), 0f, w.getName());
                NDArray moment = ckpt.get(AdamOptimizer.M + w.getName());
                assertEquals(0f, moment.abs().max().getFloat(), w.getName());
            }
            assertEquals(0L, ckpt.get(AdamOptimizer.T).toLongArray()[0]);
        }
        // restoring it: the step is 6, Adam has made no update yet (its bias correction starts over)
        try (Net net = Net.fsrcnn(6, 4, 7); AdamOptimizer adam = new AdamOptimizer(net.parameters())) {
            assertEquals(6, Checkpoints.restoreLatest(dir, net.parameters(), adam, null, TrainListener.SILENT));
            assertEquals(0, adam.updates());
        }
    }

    @Test
    void checkpointsRecordTheUpdateCountAndOldOnesFallBackToTheirStep() throws IOException {
        Path dir = tmp.resolve("adam");
        try (Net net = Net.fsrcnn(4, 4, 1); AdamOptimizer adam = new AdamOptimizer(net.parameters());
                NDManager m = NDManager.newBaseManager()) {
            Checkpoints.save(dir, 40, net.parameters(), adam, null, 1);
            try (AdamOptimizer back = new AdamOptimizer(net.parameters())) {
                assertEquals(40, Checkpoints.restoreLatest(dir, net.parameters(), back, null, TrainListener.SILENT));
                assertEquals(0, back.updates(), "the recorded count, not the step");
            }
            NDList old = new NDList();
            for (NDArray a : adam.state(m)) {
                if (!a.getName().equals(AdamOptimizer.T)) {
                    old.add(a);
                }
            }
            try (AdamOptimizer back = new AdamOptimizer(net.parameters())) {
                back.load(old, 40);
                assertEquals(40, back.updates());
            }
        }
    }

    @Test
    void everyStageContinuesFromTheModelsAndThePackageSaysSo() throws IOException {
        TrainPaths paths = new TrainPaths(dataset, tmp.resolve("work"), null, tmp.resolve("models"), models);
        Training training = new Training(paths, tenSteps(), TrainListener.SILENT);
        TrainLoop.Result r = training.original();
        assertEquals(6, r.startStep());
        assertEquals(10, r.endStep());

        // the recorded log is kept up to step 6, and the new period starts at the full rate
        List<double[]> log = LossLog.read(paths.work().resolve("original/loss.csv"));
        List<double[]> recorded = LossLog.read(firstWork.resolve("original/loss.csv"));
        assertEquals(10, log.size());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(recorded.get(i), log.get(i), 0);
        }
        assertEquals(tenSteps().original().lr(), log.get(6)[2], 1e-12);
        // and it went on from the trained weights: its loss is the trained one, not a fresh start's
        double fresh = recorded.get(0)[1];
        assertTrue(log.get(6)[1] < fresh, "step 7 L1 " + log.get(6)[1] + " vs a fresh start's " + fresh);
        assertFalse(Arrays.equals(Files.readAllBytes(models.resolve("fsrcnn-o/original.safetensors")),
                Files.readAllBytes(paths.work().resolve("original/weights.safetensors"))), "it trained");

        training.run(TrainStage.ALL);
        ModelSpec spec = ModelSpec.read(paths.models().resolve(Packager.CLASSSR_FOLDER));
        Map<?, ?> steps = (Map<?, ?>) spec.provenance().get("steps");
        Map<?, ?> from = (Map<?, ?>) spec.provenance().get("continued-from-steps");
        for (String net : List.of("original", "simple", "medium", "hard", "classifier")) {
            assertEquals(10, ((Number) steps.get(net)).intValue(), net);
            assertEquals(6, ((Number) from.get(net)).intValue(), net);
        }
    }

    @Test
    void modelsOfAnotherDatasetOrWithoutTheNetworkAreRefused() throws IOException {
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Continuation.find(models, SrFamily.FSRCNN, TrainStage.ORIGINAL.key(), "0".repeat(64)));
        assertTrue(other.getMessage().contains("mix datasets"), other.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Continuation.find(models, SrFamily.FSRCNN, "branches/huge", manifest()));
        assertTrue(missing.getMessage().contains("no network 'huge'"), missing.getMessage());

        // weights that are not the ones model.conf names
        Path copy = tmp.resolve("models");
        for (String folder : List.of("fsrcnn-o", "classsr-fsrcnn")) {
            Files.createDirectories(copy.resolve(folder));
            try (var files = Files.list(models.resolve(folder))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, copy.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
        Files.write(copy.resolve("classsr-fsrcnn/simple.safetensors"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        ModelException changed = assertThrows(ModelException.class,
                () -> Continuation.find(copy, SrFamily.FSRCNN, "branches/simple", manifest()));
        assertTrue(changed.getMessage().contains("SHA-256 mismatch"), changed.getMessage());
    }
}
