package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.classsr.dataset.SampleDataset;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.ModelSpec;
import org.classsr.model.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

    @TempDir
    static Path shared;
    static Path dataset;
    static Path valDataset;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeDatasets() throws IOException {
        Path data = TrainTestData.dataFolder(shared);
        dataset = TrainTestData.dataset(data, shared.resolve("train-ds"), "train");
        valDataset = TrainTestData.dataset(data, shared.resolve("val-ds"), "val");
    }

    private static double mean(double[] a, int from, int to) {
        return Arrays.stream(a, from, to).average().orElseThrow();
    }

    @Test
    void srLossGoesDownOnAFixedBatch() throws IOException {
        try (SampleDataset data = SampleDataset.open(dataset); Net net = Net.fsrcnn(8, 4, 1)) {
            BatchPlan plan = new BatchPlan(Arrays.copyOf(BatchPlan.all(data.size()), 8), 1, 8, false);
            TrainLoop.Result r = TrainLoop.run("sr", tmp.resolve("sr"), net.parameters(),
                    new SrObjective(net, data, plan), new TrainLoop.Options(40, 3e-3, 0.1, 100, 1), TrainListener.SILENT);
            double first = mean(r.losses(), 0, 5);
            double last = mean(r.losses(), 35, 40);
            assertTrue(last < 0.6 * first, "L1 " + first + " -> " + last);
        }
    }

    @Test
    void bilinearStartBeginsNearTheImageNotAtNoise() throws IOException {
        double[] firstLoss = new double[2];
        for (TrainSettings.Init start : TrainSettings.Init.values()) {
            try (SampleDataset data = SampleDataset.open(dataset); Net net = Net.fsrcnn(8, 4, 1, start)) {
                BatchPlan plan = new BatchPlan(Arrays.copyOf(BatchPlan.all(data.size()), 8), 1, 8, false);
                TrainLoop.Result r = TrainLoop.run("sr", tmp.resolve(start.name()), net.parameters(),
                        new SrObjective(net, data, plan), new TrainLoop.Options(1, 1e-3, 1, 100, 1),
                        TrainListener.SILENT);
                firstLoss[start.ordinal()] = r.losses()[0];
            }
        }
        double xavier = firstLoss[TrainSettings.Init.XAVIER.ordinal()];
        double bilinear = firstLoss[TrainSettings.Init.BILINEAR.ordinal()];
        // 4x4 LR tiles: bilinear is off only near the zero-padded borders.
        assertTrue(bilinear < 0.5 * xavier && bilinear < 0.15, "L1 before any update: xavier " + xavier
                + ", bilinear " + bilinear);
    }

    @Test
    void classifierLossGoesDownOnAFixedBatch() throws IOException {
        TrainSettings.Classifier s = new TrainSettings.Classifier(40, 12, 2e-3, 1, 0, 1000, 0.5, 3, 0, true, 1000, 8, 8, 4);
        try (SampleDataset data = SampleDataset.open(dataset);
                TinyClassSr nets = TinyClassSr.open(true)) {
            BatchPlan plan = new BatchPlan(Arrays.copyOf(BatchPlan.all(data.size()), 12), 1, 12, false);
            int[] labels = new int[data.size()];
            ClassifierObjective objective = new ClassifierObjective(nets.classifier(), nets.branches(), data,
                    plan, labels, s, data, new int[] {0, 1, 2});
            TrainLoop.Result r = TrainLoop.run("cls", tmp.resolve("cls"), nets.classifier().parameters(), objective,
                    new TrainLoop.Options(40, 2e-3, 1, 100, 1), TrainListener.SILENT);
            assertTrue(mean(r.losses(), 35, 40) < mean(r.losses(), 0, 5),
                    "total " + mean(r.losses(), 0, 5) + " -> " + mean(r.losses(), 35, 40));
            // zero head: the first step starts from uniform probabilities, so ClassLoss = 2
            List<double[]> rows = LossLog.read(tmp.resolve("cls/loss.csv"));
            assertEquals(2.0, rows.get(0)[3], 1e-5);
        }
    }

    /** A listener that "kills" the run after a number of steps. */
    private static final class Killer implements TrainListener {
        private int left;

        Killer(int steps) {
            left = steps;
        }

        @Override
        public void advance(long n) {
            if (--left == 0) {
                throw new IllegalStateException("killed");
            }
        }
    }

    /**
     * Two runs agree bit for bit only if PyTorch splits its reductions the same way in both; on a
     * loaded host its OpenMP team can shrink between runs, so this comparison runs on one thread.
     */
    @Test
    void aKilledAndResumedRunEndsInTheSameStateAsAStraightOne() throws IOException {
        Engine.getInstance(); // loads the natives
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            killedAndResumedRunEndsInTheSameState();
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private void killedAndResumedRunEndsInTheSameState() throws IOException {
        TrainSettings s = TrainTestData.settings(10);
        TrainPaths straight = new TrainPaths(dataset, tmp.resolve("straight"), null, tmp.resolve("m1"));
        new Training(straight, s, TrainListener.SILENT).original();

        TrainPaths resumed = new TrainPaths(dataset, tmp.resolve("resumed"), null, tmp.resolve("m2"));
        // checkpoint every 5 steps; killed during step 7, after the checkpoint at 5
        assertThrows(IllegalStateException.class, () -> new Training(resumed, s, new Killer(7)).original());
        assertEquals(List.of(5L), Checkpoints.steps(resumed.work().resolve("original")));
        TrainLoop.Result r = new Training(resumed, s, TrainListener.SILENT).original();
        assertEquals(5, r.startStep());
        assertEquals(10, r.endStep());

        assertSameWeights(straight.work().resolve("original/weights.safetensors"),
                resumed.work().resolve("original/weights.safetensors"));
        // the optimizer state too
        assertSameWeights(Checkpoints.file(straight.work().resolve("original"), 10),
                Checkpoints.file(resumed.work().resolve("original"), 10));
        // and the log, except the timing column
        List<double[]> a = LossLog.read(straight.work().resolve("original/loss.csv"));
        List<double[]> b = LossLog.read(resumed.work().resolve("original/loss.csv"));
        assertEquals(10, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Arrays.copyOf(a.get(i), 3), Arrays.copyOf(b.get(i), 3), 1e-6);
        }
    }

    static void assertSameWeights(Path a, Path b) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList x = NDList.decode(m, Files.readAllBytes(a));
            NDList y = NDList.decode(m, Files.readAllBytes(b));
            assertEquals(x.size(), y.size());
            for (int i = 0; i < x.size(); i++) {
                NDArray u = x.get(i);
                NDArray v = y.get(i);
                assertEquals(u.getName(), v.getName());
                // float64 holds every value here exactly, Adam's int64 update count included
                double diff = u.toType(DataType.FLOAT64, false).sub(v.toType(DataType.FLOAT64, false)).abs().max()
                        .getDouble();
                assertTrue(diff <= 1e-6, u.getName() + " differs by " + diff);
            }
        }
    }

    @Test
    void allStagesRunEndToEndAndShipLoadableModels() throws IOException {
        TrainSettings s = TrainTestData.settings(12);
        TrainPaths paths = new TrainPaths(dataset, tmp.resolve("work"), valDataset, tmp.resolve("models"));
        new Training(paths, s, TrainListener.SILENT).run(TrainStage.ALL);

        Division d = Division.read(paths.work().resolve("divide"));
        long[] counts = d.counts();
        assertTrue(Math.abs(counts[0] - counts[2]) <= 1 && Math.abs(counts[1] - counts[2]) <= 1,
                Arrays.toString(counts));
        assertTrue(d.thresholds()[0] <= d.thresholds()[1]);
        for (String f : List.of("divide/histogram.png", "divide/histogram.csv", "divide/thresholds.json",
                "original/loss.png", "branches/simple/loss.csv", "branches/hard/weights.safetensors",
                "classifier/loss.png")) {
            assertTrue(Files.isRegularFile(paths.work().resolve(f)), f);
        }
        List<double[]> clsLog = LossLog.read(paths.work().resolve("classifier/loss.csv"));
        double[] last = clsLog.get(clsLog.size() - 1);
        assertEquals(1.0, last[last.length - 3] + last[last.length - 2] + last[last.length - 1], 1e-6,
                "class fractions logged at the end");

        // SR stages watch the validation set at each checkpoint (every 5 steps) and at the end
        List<double[]> origLog = LossLog.read(paths.work().resolve("original/loss.csv"));
        for (int step : new int[] {5, 10, 12}) {
            double[] row = origLog.get(step - 1);
            assertEquals(step, row[0]);
            assertTrue(Double.isFinite(row[4]) && Double.isFinite(row[5]), "validated at step " + step);
        }
        assertTrue(Double.isNaN(origLog.get(6)[4]), "not validated between checkpoints");
        assertTrue(Files.isRegularFile(paths.work().resolve("original/watch.png")));
        // a branch is validated on the validation sub-images of its class (this tiny set may leave one empty)
        int validatedBranches = 0;
        for (String stage : List.of("branches/simple", "branches/medium", "branches/hard")) {
            List<String> header = Files.readAllLines(paths.work().resolve(stage).resolve("loss.csv")).subList(0, 1);
            boolean validated = header.get(0).endsWith(",val_psnr_y,val_gain_db");
            assertEquals(validated, Files.isRegularFile(paths.work().resolve(stage).resolve("watch.png")), stage);
            validatedBranches += validated ? 1 : 0;
        }
        assertTrue(validatedBranches >= 1);

        Path classsr = paths.models().resolve("classsr-fsrcnn");
        try (ClassSrModel model = ModelLoader.load(classsr)) {
            ModelSpec spec = model.spec();
            assertEquals(List.of("simple", "medium", "hard"), spec.classNames());
            assertEquals(List.of("simple", "medium", "hard"), spec.branches().stream().map(b -> b.name()).toList());
            assertEquals(List.of(4, 6, 8), spec.branches().stream().map(b -> b.spec().require("channels")).toList());
            assertEquals("classifier", spec.classifier().name());
            assertEquals("../fsrcnn-o", spec.original());
            assertEquals(32, spec.tileSize());
            assertEquals(28, spec.tileStep());
            assertEquals(4, spec.scale());
            assertEquals(2, spec.thresholdsDb().size());
            assertNotNull(spec.provenance().get("dataset-manifest-sha256"));
            Map<?, ?> val = (Map<?, ?>) spec.provenance().get("validation-sub-images");
            assertNotNull(val);
            // the stage's last validation is what 'package' measures, by its own code, on the same sub-images
            double[] end = origLog.get(origLog.size() - 1);
            assertEquals(((Number) val.get("psnr-y-fsrcnn-o")).doubleValue(), end[4], 1e-3);
            assertEquals(((Number) val.get("psnr-y-bicubic")).doubleValue(), end[4] - end[5], 1e-3);
            // per class of the division, each network's gain over bicubic; the classes cover every sub-image
            Map<?, ?> byClass = (Map<?, ?>) val.get("gain-db-by-class");
            long covered = 0;
            double originalSum = 0;
            for (String c : List.of("simple", "medium", "hard")) {
                Map<?, ?> g = (Map<?, ?>) byClass.get(c);
                long count = ((Number) g.get("count")).longValue();
                covered += count;
                if (count > 0) {
                    for (String net : List.of("psnr-y-bicubic", "fsrcnn-o", "simple", "medium", "hard")) {
                        assertTrue(Double.isFinite(((Number) g.get(net)).doubleValue()), c + " " + net);
                    }
                    originalSum += count * (((Number) g.get("psnr-y-bicubic")).doubleValue()
                            + ((Number) g.get("fsrcnn-o")).doubleValue());
                }
            }
            assertEquals(((Number) val.get("count")).longValue(), covered);
            assertEquals(((Number) val.get("psnr-y-fsrcnn-o")).doubleValue(), originalSum / covered, 2e-3);
        }
        try (ClassSrModel original = ModelLoader.load(paths.models().resolve("fsrcnn-o"))) {
            assertEquals("original", original.spec().branches().get(0).name());
            assertEquals(List.of("all"), original.spec().classNames());
        }

        // Everything is finished: a second 'all' changes nothing.
        byte[] before = Files.readAllBytes(paths.work().resolve("classifier/weights.safetensors"));
        new Training(paths, s, TrainListener.SILENT).run(TrainStage.ALL);
        assertArrayEquals(before, Files.readAllBytes(paths.work().resolve("classifier/weights.safetensors")));
    }

    @Test
    void anotherFamilyTrainsThroughEveryStageAndShipsItsOwnFolders() throws IOException {
        TrainSettings s = tinyCarn(List.of(4L, 4L, 4L), true);
        TrainPaths paths = new TrainPaths(dataset, tmp.resolve("work-carn"), valDataset, tmp.resolve("models-carn"));
        new Training(paths, s, TrainListener.SILENT).run(TrainStage.ALL);

        try (ClassSrModel model = ModelLoader.load(paths.models().resolve("classsr-carn"))) {
            assertEquals("../carn-o", model.spec().original());
            assertEquals(List.of("carn", "carn", "carn"), model.spec().branches().stream().map(b -> b.spec().arch()).toList());
            assertEquals(List.of(4, 8, 8), model.spec().branches().stream().map(b -> b.spec().require("channels")).toList());
            Map<?, ?> val = (Map<?, ?>) model.spec().provenance().get("validation-sub-images");
            assertTrue(Double.isFinite(((Number) val.get("psnr-y-carn-o")).doubleValue()));
        }
        try (ClassSrModel original = ModelLoader.load(paths.models().resolve("carn-o"))) {
            assertEquals("carn", original.spec().branches().get(0).spec().arch());
            assertEquals(8, original.spec().branches().get(0).spec().require("channels"));
        }
        // the narrow simple branch started from the "-O" network's kept channels, the others did not need to
        assertTrue(Files.isRegularFile(paths.work().resolve("branches/simple/sliced-from-original.safetensors")));
        assertTrue(Files.notExists(paths.work().resolve("branches/hard/sliced-from-original.safetensors")));
    }

    /** A CARN ClassSR of widths 8 (the "-O" network, 4 steps) and 4 / 8 / 8, narrow branches sliced or not. */
    private static TrainSettings tinyCarn(List<Long> branchSteps, boolean sliceFromOriginal) {
        TrainSettings f = TrainTestData.settings(4);
        return new TrainSettings(f.seed(), f.checkpointEvery(), f.keepCheckpoints(),
                new TrainSettings.Sr(8, 4, 4, 1e-3, 0.1), f.divide(),
                new TrainSettings.Branches(List.of(4, 8, 8), branchSteps, 4, 1e-3, 0.1, true, sliceFromOriginal),
                f.classifier(), f.finetune(), f.packaging(), f.init(), "carn");
    }

    @Test
    void aBranchOfZeroStepsIsItsStartAsIs() throws IOException {
        TrainSettings s = tinyCarn(List.of(0L, 2L, 0L), true);
        TrainPaths paths = new TrainPaths(dataset, tmp.resolve("work-zero"), null, tmp.resolve("models-zero"));
        Training training = new Training(paths, s, TrainListener.SILENT);
        training.original();
        training.divide();
        training.branches();
        Path work = paths.work();
        // hard: the "-O" network's weights; simple: its slice; medium trained
        assertArrayEquals(Files.readAllBytes(work.resolve("original/weights.safetensors")),
                Files.readAllBytes(work.resolve("branches/hard/weights.safetensors")));
        assertArrayEquals(Files.readAllBytes(work.resolve("branches/simple/sliced-from-original.safetensors")),
                Files.readAllBytes(work.resolve("branches/simple/weights.safetensors")));
        assertEquals(0, StageRecord.read(work.resolve("branches/hard")).steps());
        assertEquals(2, StageRecord.read(work.resolve("branches/medium")).steps());
        assertTrue(Checkpoints.steps(work.resolve("branches/hard")).isEmpty(), "no training ran for hard");

        // without a start from the "-O" network, 0 steps would ship an untrained branch: refused
        TrainSettings random = tinyCarn(List.of(0L, 2L, 2L), false);
        copyStages(work, tmp.resolve("work-random"));
        TrainPaths randomPaths = new TrainPaths(dataset, tmp.resolve("work-random"), null, tmp.resolve("models-random"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Training(randomPaths, random, TrainListener.SILENT).branches());
        assertTrue(e.getMessage().contains("0 steps but starts at random"), e.getMessage());
    }

    @Test
    void branchesWithAnAverageEndWithIt() throws IOException {
        TrainSettings tiny = tinyCarn(List.of(0L, 2L, 0L), true);
        TrainSettings.Branches b = tiny.branches();
        TrainSettings s = new TrainSettings(tiny.seed(), tiny.checkpointEvery(), tiny.keepCheckpoints(), tiny.original(),
                tiny.divide(), new TrainSettings.Branches(b.channels(), b.steps(), b.batch(), b.lr(), b.minLrRatio(),
                        b.hardFromOriginal(), b.sliceFromOriginal(), 0.5),
                tiny.classifier(), tiny.finetune(), tiny.packaging(), tiny.init(), tiny.arch());
        TrainPaths paths = new TrainPaths(dataset, tmp.resolve("work-avg"), null, tmp.resolve("models-avg"));
        Training training = new Training(paths, s, TrainListener.SILENT);
        training.original();
        training.divide();
        training.branches();
        Path medium = paths.work().resolve("branches/medium");
        assertEquals(0.5, ((Number) StageRecord.read(medium).facts().get("averageDecay")).doubleValue());
        try (NDManager m = NDManager.newBaseManager()) {
            NDList last = NDList.decode(m, Files.readAllBytes(Checkpoints.file(medium, 2)));
            NDList live = new NDList();
            NDList average = new NDList();
            for (NDArray a : last) {
                if (a.getName().startsWith(WeightAverage.PREFIX)) {
                    average.add(a);
                } else if (a.getName().startsWith(Checkpoints.NET)) {
                    live.add(a);
                }
            }
            assertEquals(live.size(), average.size(), "the checkpoint carries the average beside every weight");
            assertTrue(live.size() > 0);
        }
    }

    @Test
    void aBilinearStartCarnOutputsTheImageBeforeTraining() {
        try (Net net = Net.sr("carn", 8, 8, 1, TrainSettings.Init.BILINEAR); NDManager m = NDManager.newBaseManager()) {
            float[] y = net.forward(m.ones(new ai.djl.ndarray.types.Shape(1, 3, 8, 8)).mul(0.6f), false).toFloatArray();
            // a flat grey LR image stays flat grey inside (zero padding darkens only the border)
            assertEquals(0.6f, y[(1 * 32 + 16) * 32 + 16], 1e-5f);
            assertEquals(0.6f, y[(2 * 32 + 10) * 32 + 20], 1e-5f);
        }
        try (Net net = Net.sr("carn", 8, 8, 1, TrainSettings.Init.XAVIER); NDManager m = NDManager.newBaseManager()) {
            float[] y = net.forward(m.ones(new ai.djl.ndarray.types.Shape(1, 3, 8, 8)).mul(0.6f), false).toFloatArray();
            assertTrue(Math.abs(y[(1 * 32 + 16) * 32 + 16] - 0.6f) > 1e-3f, "a random start is not the image");
        }
    }

    @Test
    void anUnknownFamilyIsRefusedWithTheKnownNames() {
        TrainSettings f = TrainTestData.settings(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainSettings(f.seed(),
                f.checkpointEvery(), f.keepCheckpoints(), f.original(), f.divide(), f.branches(), f.classifier(),
                f.finetune(), f.packaging(), f.init(), "edsr"));
        assertTrue(e.getMessage().contains("carn"), e.getMessage());
    }

    @Test
    void routedFinetuneTrainsOnlyTheBranchEachSubImageIsSentTo() throws IOException {
        try (SampleDataset data = SampleDataset.open(dataset);
                TinyClassSr nets = TinyClassSr.open(true)) {
            BatchPlan plan = new BatchPlan(Arrays.copyOf(BatchPlan.all(data.size()), 8), 1, 8, false);
            Map<String, ai.djl.nn.Parameter> params = new java.util.LinkedHashMap<>();
            List<Net> branches = nets.branches();
            for (int c = 0; c < 3; c++) {
                String prefix = c + ".";
                branches.get(c).parameters().forEach((k, v) -> params.put(prefix + k, v));
            }
            nets.simple().save(tmp.resolve("simple-before"));
            nets.medium().save(tmp.resolve("medium-before"));
            nets.hard().save(tmp.resolve("hard-before"));
            // the zero head gives equal logits, so the bias alone routes: everything to medium
            RoutedObjective objective = new RoutedObjective(nets.classifier(), branches, new double[] {0, 1, 0}, data,
                    plan, SrWatch.NONE, PixelLoss.L1, PixelWeighting.UNIFORM);
            TrainLoop.Result r = TrainLoop.run("finetune", tmp.resolve("ft"), params, objective,
                    new TrainLoop.Options(30, 3e-3, 0.1, 100, 1), TrainListener.SILENT);
            assertTrue(mean(r.losses(), 25, 30) < 0.8 * mean(r.losses(), 0, 5),
                    "L1 " + mean(r.losses(), 0, 5) + " -> " + mean(r.losses(), 25, 30));
            nets.simple().save(tmp.resolve("simple-after"));
            nets.medium().save(tmp.resolve("medium-after"));
            nets.hard().save(tmp.resolve("hard-after"));
            assertSameWeights(tmp.resolve("simple-before"), tmp.resolve("simple-after"));
            assertSameWeights(tmp.resolve("hard-before"), tmp.resolve("hard-after"));
            assertTrue(!Arrays.equals(Files.readAllBytes(tmp.resolve("medium-before")),
                    Files.readAllBytes(tmp.resolve("medium-after"))), "the routed branch learned");
        }
    }

    @Test
    void routedLossIsTheL1OfTheOutputTheEngineWouldAssemble() throws IOException {
        try (SampleDataset data = SampleDataset.open(dataset);
                TinyClassSr nets = TinyClassSr.open(false);
                NDManager m = NDManager.newBaseManager()) {
            Net classifier = nets.classifier();
            List<Net> branches = nets.branches();
            BatchPlan plan = new BatchPlan(Arrays.copyOf(BatchPlan.all(data.size()), 12), 1, 12, true);
            double[] bias = {0.01, 0, -0.01};
            double loss = new RoutedObjective(classifier, branches, bias, data, plan, SrWatch.NONE, PixelLoss.L1,
                    PixelWeighting.UNIFORM)
                    .gradients(m, 0)[0];
            // by hand: route each augmented sub-image, run its branch alone, average |out - hr| over all pixels
            Batches.Pair b = Batches.load(data, plan.samples(0), plan.ops(0), m);
            int[] classes = Routing.classes(classifier, b.lr(), bias);
            double sum = 0;
            for (int k = 0; k < classes.length; k++) {
                NDArray lr = b.lr().get(k + ":" + (k + 1));
                NDArray out = branches.get(classes[k]).forward(lr, false);
                sum += out.sub(b.hr().get(k + ":" + (k + 1))).abs().sum().getFloat();
            }
            assertEquals(sum / b.hr().size(), loss, 1e-5 * loss);
        }
    }

    /** A tiny ClassSR to train: FSRCNN branches d = 2 / 4 / 8 on 4x4 LR sub-images and a classifier. */
    private record TinyClassSr(Net simple, Net medium, Net hard, Net classifier) implements AutoCloseable {

        static TinyClassSr open(boolean zeroHead) {
            return new TinyClassSr(Net.fsrcnn(2, 4, 1), Net.fsrcnn(4, 4, 2), Net.fsrcnn(8, 4, 3),
                    Net.classifier(8, 4, 4, 4, zeroHead));
        }

        List<Net> branches() {
            return List.of(simple, medium, hard);
        }

        @Override
        public void close() {
            classifier.close();
            hard.close();
            medium.close();
            simple.close();
        }
    }

    /** Copies the finished stages before 'finetune' of one work folder into another. */
    private static void copyStages(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith("finetune") || rel.toString().startsWith("package")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    @Test
    void theClassifierStageStartsFromTheClassModuleItIsGiven() throws IOException {
        TrainSettings s = TrainTestData.settings(6);
        TrainPaths first = new TrainPaths(dataset, tmp.resolve("given-first"), null, tmp.resolve("given-m"));
        Training t = new Training(first, s, TrainListener.SILENT);
        t.original();
        t.divide();
        t.branches();
        // a Class-Module with a random (not zero) head: a zero-head start would not match it
        Path given = tmp.resolve("given-classifier.safetensors");
        try (Net random = Net.classifier(8, 4, 4, 99, false)) {
            random.save(given);
        }
        TrainSettings.Classifier c = s.classifier();
        TrainSettings from = new TrainSettings(s.seed(), s.checkpointEvery(), s.keepCheckpoints(), s.original(),
                s.divide(), s.branches(), new TrainSettings.Classifier(2, c.batch(), 1e-9, 1, 0, c.l1Weight(),
                        c.classWeight(), c.averageWeight(), c.ceWeight(), true, c.watchEvery(), c.watchSamples(),
                        c.width(), c.features(), given), s.finetune(), s.packaging(), s.init());
        new Training(first, from, TrainListener.SILENT).classifier();

        // two steps at lr 1e-9 leave the weights where they started
        assertSameWeights(given, first.work().resolve("classifier/weights.safetensors"));
        StageRecord record = StageRecord.read(first.work().resolve("classifier"));
        assertEquals(Sha256.of(given), record.facts().get("initFromSha256"));
    }

    @Test
    void finetuneStageShipsItsBranchesWithTheOperatingPoint() throws IOException {
        TrainSettings base = TrainTestData.settings(6);
        TrainSettings s = base.withStage(TrainStage.FINETUNE, 6L, null, null);
        TrainPaths paths = new TrainPaths(dataset, tmp.resolve("work"), valDataset, tmp.resolve("models"));
        new Training(paths, s, TrainListener.SILENT).run(TrainStage.ALL);

        StageRecord record = StageRecord.read(paths.work().resolve("finetune"));
        assertEquals(6, record.steps());
        List<?> bias = (List<?>) record.facts().get("classBias");
        assertEquals(-((Number) bias.get(0)).doubleValue(), ((Number) bias.get(2)).doubleValue(), 1e-12);
        assertTrue(((Number) record.facts().get("paperFlopsOnTraining")).doubleValue() <= 0.65 + 1e-9);
        List<double[]> log = LossLog.read(paths.work().resolve("finetune/loss.csv"));
        assertEquals(6, log.size());
        double[] last = log.get(5);
        assertTrue(Double.isFinite(last[4]) && Double.isFinite(last[5]), "routed validation at the end");
        assertEquals(1.0, last[6] + last[7] + last[8], 1e-6);

        Path classsr = paths.models().resolve("classsr-fsrcnn");
        try (ClassSrModel model = ModelLoader.load(classsr)) {
            Map<?, ?> steps = (Map<?, ?>) model.spec().provenance().get("steps");
            assertEquals(6, ((Number) steps.get("finetune")).intValue());
            assertNotNull(model.spec().provenance().get("finetune"));
        }
        // a given class-bias is used as it is
        TrainSettings fixed = new TrainSettings(s.seed(), s.checkpointEvery(), s.keepCheckpoints(), s.original(),
                s.divide(), s.branches(), s.classifier(), new TrainSettings.Finetune(6, 8, 1e-3, 0.1, 0.65,
                        List.of(0.5, 0.0, -0.25)), s.packaging(), s.init());
        TrainPaths again = new TrainPaths(dataset, tmp.resolve("work2"), null, tmp.resolve("models2"));
        copyStages(paths.work(), again.work());
        new Training(again, fixed, TrainListener.SILENT).finetune();
        assertEquals(List.of(0.5, 0.0, -0.25), StageRecord.read(again.work().resolve("finetune")).facts().get("classBias"));
        for (String b : List.of("simple", "medium", "hard")) {
            assertSameWeights(paths.work().resolve("finetune/" + b + ".safetensors"), classsr.resolve(b + ".safetensors"));
        }
        // the branches stage's own weights are not what shipped: the routed ones moved
        int moved = 0;
        for (String b : List.of("simple", "medium", "hard")) {
            moved += Arrays.equals(Files.readAllBytes(paths.work().resolve("branches/" + b + "/weights.safetensors")),
                    Files.readAllBytes(classsr.resolve(b + ".safetensors"))) ? 0 : 1;
        }
        assertTrue(moved >= 1);
    }
}
