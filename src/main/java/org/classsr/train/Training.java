package org.classsr.train;

import static org.classsr.train.TrainStage.BRANCHES;
import static org.classsr.train.TrainStage.CLASSIFIER;
import static org.classsr.train.TrainStage.DIVIDE;
import static org.classsr.train.TrainStage.FINETUNE;
import static org.classsr.train.TrainStage.ORIGINAL;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.classsr.dataset.DatasetIndex;
import org.classsr.dataset.SampleDataset;
import org.classsr.files.AtomicFiles;
import org.classsr.model.ClassBias;
import org.classsr.model.ClassCounts;
import org.classsr.model.RoutingCost;
import org.classsr.model.Sha256;
import org.classsr.nn.ConvGraph;
import org.classsr.nn.WidthSlicer;

/**
 * The staged training of ClassSR for one SR family ({@code classsr.train.arch}; FSRCNN unless
 * set). Each stage ({@link TrainStage}) works in its own folder of the work folder
 * ({@link WorkFolder}) and is resumable; 'all' runs the stages in order, skipping finished ones.
 * 'package' writes models/ARCH-o/ and models/classsr-ARCH/.
 */
public final class Training {

    private final TrainPaths paths;
    private final WorkFolder work;
    private final TrainSettings settings;
    private final TrainListener listener;

    public Training(TrainPaths paths, TrainSettings settings, TrainListener listener) {
        this.paths = paths;
        this.work = new WorkFolder(paths.work());
        this.settings = settings;
        this.listener = listener;
    }

    /** Runs one stage (by its name), or all of them in order ({@value TrainStage#ALL}). */
    public void run(String stage) throws IOException {
        if (stage.equals(TrainStage.ALL)) {
            for (TrainStage s : TrainStage.values()) {
                run(s);
            }
        } else {
            run(TrainStage.of(stage));
        }
    }

    public void run(TrainStage stage) throws IOException {
        switch (stage) {
            case ORIGINAL -> original();
            case DIVIDE -> divide();
            case BRANCHES -> branches();
            case CLASSIFIER -> classifier();
            case FINETUNE -> finetune();
            case PACKAGE -> packageModels();
        }
    }

    private long seedFor(String what) {
        return BatchPlan.mix(settings.seed(), what.hashCode());
    }

    private TrainLoop.Options options(Path dir, long steps, double lr, double minLrRatio, double averageDecay)
            throws IOException {
        return options(dir, steps, lr, minLrRatio, averageDecay, 0);
    }

    private TrainLoop.Options options(Path dir, long steps, double lr, double minLrRatio, double averageDecay,
            long averageStart) throws IOException {
        return new TrainLoop.Options(steps, lr, minLrRatio, settings.checkpointEvery(), settings.keepCheckpoints(),
                Continuation.scheduleStart(dir), averageDecay, averageStart);
    }

    /** With {@code fromModels}, seeds a stage that has no checkpoint from the trained network. */
    private void continueIfAsked(String name, Path dir, Net net) throws IOException {
        if (paths.fromModels() == null || !Checkpoints.steps(dir).isEmpty()) {
            return;
        }
        Continuation.Source src = Continuation.find(paths.fromModels(), settings.arch(), name,
                DatasetIndex.read(paths.dataset()).manifestSha256());
        Continuation.seed(dir, src, net, settings.keepCheckpoints());
        listener.message(name + ": continuing from " + src.weights() + " (" + src.steps() + " steps)");
    }

    // ---- original ---------------------------------------------------------------------------

    /** Stage 1: FSRCNN-O on every sub-image. */
    public TrainLoop.Result original() throws IOException {
        TrainSettings.Sr s = settings.original();
        try (SampleDataset data = SampleDataset.open(paths.dataset()); SampleDataset val = openValidation()) {
            SrValidation validation = val == null ? null : new SrValidation(val, SrValidation.samples(settings, val.size()));
            return trainSr(ORIGINAL.key(), work.stage(ORIGINAL), data, BatchPlan.all(data.size()), s, null, validation);
        }
    }

    /** The validation dataset, or null when none was given. */
    private SampleDataset openValidation() throws IOException {
        return paths.valDataset() == null ? null : SampleDataset.open(paths.valDataset());
    }

    private TrainLoop.Result trainSr(String name, Path dir, SampleDataset data, int[] pool, TrainSettings.Sr s,
            Path init, SrValidation validation) throws IOException {
        try (Net net = Net.sr(settings.arch(), s.channels(), data.format().lrSize(), seedFor("init/" + name), settings.init())) {
            continueIfAsked(name, dir, net);
            if (init != null && Checkpoints.steps(dir).isEmpty()) {
                net.load(init);
                listener.message(name + ": starting from " + init);
            }
            BatchPlan plan = new BatchPlan(pool, seedFor("data/" + name), s.batch(), true);
            if (validation != null) {
                listener.message(String.format(Locale.ROOT, "%s: validating on %d sub-images (bicubic %.3f dB) every "
                        + "%d steps", name, validation.size(), validation.bicubicPsnr(), settings.checkpointEvery()));
            }
            TrainLoop.Result r = TrainLoop.run(name, dir, net.parameters(),
                    new SrObjective(net, data, plan, new SrWatch(validation, settings.checkpointEvery(), s.steps()),
                            s.loss(), s.weighting()),
                    options(dir, s.steps(), s.lr(), s.minLrRatio(), s.averageDecay(), s.averageStart()), listener);
            finish(name, dir, net, r, Map.of("channels", s.channels(), "samples", pool.length, "batch", s.batch(),
                    "loss", s.loss().term(), "weighting", s.weighting().term(), "averageDecay", s.averageDecay(),
                    "averageStart", s.averageStart()));
            return r;
        }
    }

    /**
     * Per class, the validation sub-images its branch is measured on: those of {@link
     * #validationSamples} that FSRCNN-O scores into the class against the division's thresholds
     * (scored once for all three); a class with none gets null.
     */
    private SrValidation[] branchValidations(SampleDataset val, Division division) throws IOException {
        int[] samples = SrValidation.samples(settings, val.size());
        double[] psnr;
        try (Net original = Net.sr(settings.arch(), settings.original().channels(), val.format().lrSize(), 0)) {
            original.load(work.weights(ORIGINAL));
            psnr = SrValidation.score(original, val, samples, settings.divide().border(), settings.divide().batch(),
                    TrainListener.SILENT);
        }
        SrValidation[] out = new SrValidation[3];
        for (int cls = 0; cls < 3; cls++) {
            int c = cls;
            int[] members = IntStream.range(0, samples.length).filter(k -> division.classOf(psnr[k]) == c)
                    .map(k -> samples[k]).toArray();
            out[cls] = members.length == 0 ? null : new SrValidation(val, members);
        }
        return out;
    }

    private void finish(String name, Path dir, Net net, TrainLoop.Result r, Map<String, Object> facts)
            throws IOException {
        StageRecord old = StageRecord.read(dir);
        if (r.startStep() == r.endStep() && old != null && old.steps() == r.endStep()
                && Files.isRegularFile(dir.resolve(WorkFolder.WEIGHTS))) {
            return; // finished before, nothing changed
        }
        net.save(dir.resolve(WorkFolder.WEIGHTS));
        double last = lastLoss(dir);
        double sps = Double.isNaN(r.secondsPerStep()) && old != null ? old.secondsPerStep() : r.secondsPerStep();
        new StageRecord(name, r.endStep(), last, sps, Instant.now().toString(), facts).write(dir);
    }

    /** Mean total loss of the last 100 logged steps. */
    private static double lastLoss(Path dir) throws IOException {
        List<double[]> rows = LossLog.read(dir.resolve("loss.csv"));
        return rows.subList(Math.max(0, rows.size() - 100), rows.size()).stream().mapToDouble(r -> r[1]).average()
                .orElse(Double.NaN);
    }

    // ---- divide -----------------------------------------------------------------------------

    /** Stage 2: scores every training sub-image with FSRCNN-O and splits them into equal thirds. */
    public Division divide() throws IOException {
        Path dir = work.stage(DIVIDE);
        if (StageRecord.read(dir) != null) {
            listener.message(DIVIDE + ": already done");
            return Division.read(dir);
        }
        Path weights = work.weights(ORIGINAL);
        TrainSettings.Divide s = settings.divide();
        double[] psnr;
        long t0 = System.nanoTime();
        try (SampleDataset data = SampleDataset.open(paths.dataset());
                Net net = Net.sr(settings.arch(), settings.original().channels(), data.format().lrSize(), 0)) {
            net.load(weights);
            psnr = SrValidation.score(net, data, BatchPlan.all(data.size()), s.border(), s.batch(), listener);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Division d = Division.of(psnr);
        Files.createDirectories(dir);
        d.writeScores(dir);
        StringBuilder hist = new StringBuilder("low_db,high_db,count\n");
        List<String> labels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (double[] row : d.histogram(0.5)) {
            hist.append(String.format(Locale.ROOT, "%.1f,%.1f,%d%n", row[0], row[1], (long) row[2]));
            labels.add(String.format(Locale.ROOT, "%.1f", row[0]));
            counts.add((long) row[2]);
        }
        AtomicFiles.writeString(dir.resolve("histogram.csv"), hist.toString());
        Charts.histogram(labels, counts, String.format(Locale.ROOT,
                "%s PSNR-Y of training sub-images (thresholds %.2f / %.2f dB)", SrFamily.originalName(settings.arch()),
                d.thresholds()[0],
                d.thresholds()[1]), "PSNR-Y (dB), bins of 0.5", dir.resolve("histogram.png"));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("thresholdsDb", List.of(d.thresholds()[0], d.thresholds()[1]));
        facts.put("counts", Map.of("simple", d.counts()[0], "medium", d.counts()[1], "hard", d.counts()[2]));
        facts.put("border", s.border());
        facts.put("originalWeightsSha256", Sha256.of(weights));
        AtomicFiles.write(dir.resolve("thresholds.json"), DatasetIndex.JSON.writeValueAsBytes(facts));
        new StageRecord(DIVIDE.key(), psnr.length, Double.NaN, seconds / Math.max(1, psnr.length), Instant.now().toString(),
                facts).write(dir);
        listener.message(String.format(Locale.ROOT, "%s: %d sub-images, thresholds %.2f / %.2f dB, %.1f s", DIVIDE,
                psnr.length, d.thresholds()[0], d.thresholds()[1], seconds));
        return d;
    }

    // ---- branches ---------------------------------------------------------------------------

    /** Stage 3: one FSRCNN per class on that class's sub-images. */
    public List<TrainLoop.Result> branches() throws IOException {
        Division d = Division.read(work.requireDone(DIVIDE));
        TrainSettings.Branches s = settings.branches();
        List<TrainLoop.Result> results = new ArrayList<>();
        try (SampleDataset data = SampleDataset.open(paths.dataset()); SampleDataset val = openValidation()) {
            checkSameSize(d, data);
            SrValidation[] validations = val == null ? new SrValidation[3] : branchValidations(val, d);
            for (int cls = 0; cls < 3; cls++) {
                String name = BRANCHES + "/" + Division.NAMES.get(cls);
                int channels = s.channels().get(cls);
                Path init = null;
                if (cls == Division.HARD && s.hardFromOriginal() && channels == settings.original().channels()) {
                    init = work.weights(ORIGINAL);
                } else if (s.sliceFromOriginal() && channels < settings.original().channels()
                        && Checkpoints.steps(work.branch(cls)).isEmpty()) {
                    init = sliceOriginal(work.branch(cls), channels, data.format().lrSize());
                }
                long steps = s.steps().get(cls);
                if (steps == 0) {
                    results.add(untrainedBranch(name, work.branch(cls), channels, data.format().lrSize(), init));
                    continue;
                }
                TrainSettings.Sr branch = new TrainSettings.Sr(channels, steps, s.batch(), s.lr(), s.minLrRatio(),
                        PixelLoss.L1, PixelWeighting.UNIFORM, s.averageDecay(), s.averageStart());
                results.add(trainSr(name, work.branch(cls), data, d.members(cls), branch, init, validations[cls]));
            }
        }
        return results;
    }

    /**
     * A branch of 0 steps: its start (the "-O" network, or its slice) as its weights. A random start
     * is refused: it would ship an untrained branch.
     */
    private TrainLoop.Result untrainedBranch(String name, Path dir, int channels, int lrSize, Path init)
            throws IOException {
        if (init == null) {
            throw new IllegalArgumentException("train.branches: " + name + " has 0 steps but starts at random; 0 steps "
                    + "is for a branch that starts from the \"-O\" network (hard-from-original at its width, or "
                    + "slice-from-original)");
        }
        Files.createDirectories(dir);
        try (Net net = Net.sr(settings.arch(), channels, lrSize, 0)) {
            net.load(init);
            net.save(dir.resolve(WorkFolder.WEIGHTS));
        }
        listener.message(name + ": 0 steps, its start " + init + " as is");
        new StageRecord(name, 0, Double.NaN, Double.NaN, Instant.now().toString(),
                Map.of("channels", channels, "startedFrom", init.getFileName().toString())).write(dir);
        return new TrainLoop.Result(0, 0, new double[0], Double.NaN);
    }

    /** The "-O" network's most important channels as a network of width {@code channels}, saved in {@code dir}. */
    private Path sliceOriginal(Path dir, int channels, int lrSize) throws IOException {
        Path out = dir.resolve("sliced-from-original.safetensors");
        try (Net wide = Net.sr(settings.arch(), settings.original().channels(), lrSize, 0);
                Net narrow = Net.sr(settings.arch(), channels, lrSize, 0)) {
            wide.load(work.weights(ORIGINAL));
            if (!(wide.block() instanceof ConvGraph w) || !(narrow.block() instanceof ConvGraph n)) {
                throw new IllegalArgumentException("train.branches.slice-from-original works for carn, srresnet and rcan,"
                        + " not " + settings.arch());
            }
            WidthSlicer.slice(w, settings.original().channels(), n, channels, SrFamily.groups(settings.arch()),
                    SrFamily.sliceKeeps(settings.arch(), settings.init()));
            Files.createDirectories(dir);
            narrow.save(out);
        }
        return out;
    }

    private static void checkSameSize(Division d, SampleDataset data) {
        if (d.classes().length != data.size()) {
            throw new IllegalArgumentException("the division scored " + d.classes().length + " sub-images but "
                    + data.folder() + " has " + data.size() + ": rerun 'divide' for this dataset");
        }
    }

    // ---- classifier -------------------------------------------------------------------------

    /** Stage 4: the Class-Module with the branches fixed. */
    public TrainLoop.Result classifier() throws IOException {
        Division d = Division.read(work.requireDone(DIVIDE));
        TrainSettings.Classifier s = settings.classifier();
        Path dir = work.stage(CLASSIFIER);
        List<Net> branches = new ArrayList<>();
        try (SampleDataset data = SampleDataset.open(paths.dataset()); SampleDataset val = openValidation()) {
            checkSameSize(d, data);
            int lrSize = data.format().lrSize();
            for (int cls = 0; cls < 3; cls++) {
                Net b = Net.sr(settings.arch(), settings.branches().channels().get(cls), lrSize, 0);
                branches.add(b);
                b.load(work.branchWeights(cls));
            }
            SampleDataset watchData = val != null ? val : data;
            int[] watch = BatchPlan.subset(watchData.size(), s.watchSamples(), seedFor("watch"));
            try (Net classifier = Net.classifier(s.width(), s.features(), lrSize, seedFor("init/" + CLASSIFIER),
                    s.zeroHead())) {
                BatchPlan plan = new BatchPlan(BatchPlan.all(data.size()), seedFor("data/" + CLASSIFIER), s.batch(),
                        true);
                ClassifierObjective objective = new ClassifierObjective(classifier, branches, data, plan, d.classes(),
                        s, watchData, watch);
                continueIfAsked(CLASSIFIER.key(), dir, classifier);
                if (s.initFrom() != null && Checkpoints.steps(dir).isEmpty()) {
                    classifier.load(s.initFrom());
                    listener.message(CLASSIFIER + ": starting from " + s.initFrom());
                }
                if (Checkpoints.steps(dir).isEmpty()) {
                    double[] f = ClassifierObjective.fractions(classifier, watchData, watch);
                    listener.message(CLASSIFIER + ": step 0 " + TrainLoop.format(objective.watched(), f));
                }
                TrainLoop.Result r = TrainLoop.run(CLASSIFIER.key(), dir, classifier.parameters(), objective,
                        options(dir, s.steps(), s.lr(), s.minLrRatio(), 0), listener);
                double[] f = ClassifierObjective.fractions(classifier, watchData, watch);
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("fractions", Map.of("simple", f[0], "medium", f[1], "hard", f[2]));
                facts.put("fractionsOn", val != null ? "validation" : "training");
                if (s.initFrom() != null) {
                    facts.put("initFrom", s.initFrom().toString());
                    facts.put("initFromSha256", Sha256.of(s.initFrom()));
                }
                finish(CLASSIFIER.key(), dir, classifier, r, facts);
                double max = Arrays.stream(f).max().orElse(0);
                if (max > 0.8) {
                    listener.message(String.format(Locale.ROOT, "%s: WARNING: %.0f%% of the watched sub-images are in "
                            + "one class (collapse?)", CLASSIFIER, 100 * max));
                }
                return r;
            }
        } finally {
            branches.forEach(Net::close);
        }
    }

    // ---- finetune ---------------------------------------------------------------------------

    /** Training sub-images on which the fine-tuning's operating point is chosen. */
    static final int OPERATING_POINT_SAMPLES = 8192;

    /**
     * Stage 5 (optional, {@code finetune.steps > 0}): the branches fine-tuned together on the
     * sub-images the fixed classifier routes to them at the operating point of
     * {@code finetune.target-paper-flops} ({@link RoutedObjective}).
     */
    public TrainLoop.Result finetune() throws IOException {
        TrainSettings.Finetune s = settings.finetune();
        Path dir = work.stage(FINETUNE);
        if (s.steps() == 0) {
            listener.message(FINETUNE + ": skipped (classsr.train.finetune.steps = 0)");
            return null;
        }
        Path clsWeights = work.weights(CLASSIFIER);
        TrainSettings.Classifier cs = settings.classifier();
        List<Net> branches = new ArrayList<>();
        try (SampleDataset data = SampleDataset.open(paths.dataset()); SampleDataset val = openValidation();
                Net classifier = Net.classifier(cs.width(), cs.features(), data.format().lrSize(), 0, false)) {
            int lrSize = data.format().lrSize();
            classifier.load(clsWeights);
            Map<String, Parameter> params = new LinkedHashMap<>();
            for (int c = 0; c < 3; c++) {
                Net b = Net.sr(settings.arch(), settings.branches().channels().get(c), lrSize, 0);
                branches.add(b);
                b.load(work.branchWeights(c));
                String prefix = Division.NAMES.get(c) + ".";
                b.parameters().forEach((k, v) -> params.put(prefix + k, v));
            }
            RoutingCost cost = Packager.paperCost(settings);
            int[] probe = BatchPlan.subset(data.size(), OPERATING_POINT_SAMPLES, seedFor("operating-point"));
            float[] logits = Routing.logits(classifier, data, probe);
            double[] bias = !s.classBias().isEmpty() ? s.classBias().stream().mapToDouble(Double::doubleValue).toArray()
                    : ClassBias.of(ClassBias.knobForBudget(b -> cost.paperRatio(
                            ClassCounts.fractions(ClassBias.argmax(logits, 3, ClassBias.of(b)), 3)), s.targetPaperFlops()));
            int[] probeClasses = ClassBias.argmax(logits, 3, bias);
            double[] fractions = ClassCounts.fractions(probeClasses, 3);
            double probeFlops = cost.paperRatio(fractions);
            listener.message(String.format(Locale.ROOT, "%s: class-bias [%.3f, %.3f, %.3f] routes %.0f%% / %.0f%% / %.0f%% "
                    + "of %d training sub-images (%.3f paper FLOPs)", FINETUNE, bias[0], bias[1], bias[2], 100 * fractions[0],
                    100 * fractions[1], 100 * fractions[2], probe.length, probeFlops));
            SrValidation validation = val == null ? null : new SrValidation(val, SrValidation.samples(settings, val.size()));
            BatchPlan plan = new BatchPlan(BatchPlan.all(data.size()), seedFor("data/" + FINETUNE), s.batch(), true);
            RoutedObjective objective = new RoutedObjective(classifier, branches, bias, data, plan,
                    new SrWatch(validation, settings.checkpointEvery(), s.steps()), s.loss(), s.weighting());
            if (validation != null && Checkpoints.steps(dir).isEmpty()) {
                listener.message(FINETUNE + ": step 0 " + TrainLoop.format(objective.watched(), objective.measure()));
            }
            TrainLoop.Result r = TrainLoop.run(FINETUNE.key(), dir, params, objective,
                    options(dir, s.steps(), s.lr(), s.minLrRatio(), s.averageDecay()), listener);
            StageRecord old = StageRecord.read(dir);
            if (r.startStep() != r.endStep() || old == null || old.steps() != r.endStep()) {
                for (int c = 0; c < 3; c++) {
                    branches.get(c).save(work.finetunedWeights(c));
                }
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("classBias", List.of(bias[0], bias[1], bias[2]));
                facts.put("chosenBy", s.classBias().isEmpty() ? "target-paper-flops " + s.targetPaperFlops()
                        : "class-bias");
                facts.put("paperFlopsOnTraining", probeFlops);
                facts.put("fractions", Map.of("simple", fractions[0], "medium", fractions[1], "hard", fractions[2]));
                facts.put("batch", s.batch());
                facts.put("loss", s.loss().term());
                facts.put("weighting", s.weighting().term());
                facts.put("averageDecay", s.averageDecay());
                double sps = Double.isNaN(r.secondsPerStep()) && old != null ? old.secondsPerStep() : r.secondsPerStep();
                new StageRecord(FINETUNE.key(), r.endStep(), lastLoss(dir), sps, Instant.now().toString(), facts).write(dir);
            }
            return r;
        } finally {
            branches.forEach(Net::close);
        }
    }

    // ---- package ----------------------------------------------------------------------------

    /** Stage 5: writes models/fsrcnn-o and models/classsr-fsrcnn. */
    public Packager.Written packageModels() throws IOException {
        return new Packager(paths, settings, listener).write();
    }
}
