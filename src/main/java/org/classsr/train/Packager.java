package org.classsr.train;

import static org.classsr.train.TrainStage.CLASSIFIER;
import static org.classsr.train.TrainStage.DIVIDE;
import static org.classsr.train.TrainStage.FINETUNE;
import static org.classsr.train.TrainStage.ORIGINAL;
import static org.classsr.train.TrainStage.PACKAGE;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classsr.dataset.DatasetIndex;
import org.classsr.dataset.SampleDataset;
import org.classsr.model.Macs;
import org.classsr.model.ModelSpec;
import org.classsr.model.ModelWriter;
import org.classsr.model.NetworkEntry;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;
import org.classsr.model.RoutingCost;
import org.classsr.model.WeightsFile;

/**
 * Writes the trained networks as model folders: {@code ARCH-o/} (e.g. fsrcnn-o; one branch
 * "original", class "all") and {@code classsr-ARCH/} (classifier + branches simple / medium /
 * hard, original = "../ARCH-o", the division thresholds), tile 32 step 28, scale 4, with provenance: dataset
 * manifest hash, steps per stage, seed, date and, given a validation dataset, sub-image metrics.
 */
public final class Packager {

    /** The folders an FSRCNN run writes (other families: {@link SrFamily}). */
    public static final String CLASSSR_FOLDER = SrFamily.classsrFolder(SrFamily.FSRCNN);
    public static final String ORIGINAL_FOLDER = SrFamily.originalFolder(SrFamily.FSRCNN);
    static final int TILE = 32;
    static final int TILE_STEP = 28;
    static final int SCALE = 4;

    /** The folders written and their specs. */
    public record Written(Path classsr, ModelSpec classsrSpec, Path original, ModelSpec originalSpec) {
    }

    private final TrainPaths paths;
    private final WorkFolder work;
    private final TrainSettings settings;
    private final TrainListener listener;

    Packager(TrainPaths paths, TrainSettings settings, TrainListener listener) {
        this.paths = paths;
        this.work = new WorkFolder(paths.work());
        this.settings = settings;
        this.listener = listener;
    }

    static NetworkEntry classifierEntry(TrainSettings.Classifier cs) {
        return new NetworkEntry("classifier",
                new NetworkSpec(NetworkRegistry.CLASSIFIER,
                        Map.of("width", cs.width(), "features", cs.features(), "classes", 3)),
                new WeightsFile("classifier.safetensors", ""));
    }

    /** The pixel loss, weighting and weight-average decay a stage record names (records older than these facts name none). */
    private static void putPixelLoss(Map<String, Object> into, StageRecord r) {
        if (r == null) {
            return;
        }
        putFact(into, "loss", r, "loss");
        putFact(into, "weighting", r, "weighting");
        putFact(into, "average-decay", r, "averageDecay");
    }

    private static void putFact(Map<String, Object> into, String key, StageRecord r, String fact) {
        Object v = r.facts().get(fact);
        if (v != null) {
            into.put(key, v);
        }
    }

    /** The shipped networks' paper cost on one tile (32x32 LR, x4); executed counts are not known here (0). */
    static RoutingCost paperCost(TrainSettings settings) {
        List<Macs> branches = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            branches.add(paperMacs(SrFamily.entry(settings.arch(), Division.NAMES.get(c),
                    settings.branches().channels().get(c))));
        }
        return new RoutingCost(paperMacs(classifierEntry(settings.classifier())), branches,
                paperMacs(SrFamily.entry(settings.arch(), "o", settings.original().channels())));
    }

    private static Macs paperMacs(NetworkEntry e) {
        return new Macs(0, NetworkRegistry.factory(e.spec().arch()).paperMacs(e.spec(), TILE, SCALE));
    }

    Written write() throws IOException {
        Path origWeights = work.weights(ORIGINAL);
        Division d = Division.read(work.requireDone(DIVIDE));
        List<Path> branchWeights = new ArrayList<>();
        boolean finetuned = settings.finetune().steps() > 0;
        if (finetuned) {
            work.requireDone(FINETUNE);
        }
        for (int c = 0; c < 3; c++) {
            branchWeights.add(finetuned ? work.finetunedWeights(c)
                    : work.branchWeights(c));
        }
        Path clsWeights = work.weights(CLASSIFIER);
        TrainSettings.Classifier cs = settings.classifier();
        List<Integer> widths = settings.branches().channels();
        String arch = settings.arch();
        String originalFolder = SrFamily.originalFolder(arch);
        String classsrFolder = SrFamily.classsrFolder(arch);

        NetworkEntry classifierEntry = classifierEntry(cs);
        List<NetworkEntry> branchEntries = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            branchEntries.add(SrFamily.entry(arch, Division.NAMES.get(c), widths.get(c)));
        }

        Map<String, Object> prov = new LinkedHashMap<>();
        DatasetIndex index = DatasetIndex.read(paths.dataset());
        prov.put("trained-with", "submit/classsr train (org.classsr.train)");
        prov.put("date", LocalDate.now().toString());
        prov.put("seed", settings.seed());
        prov.put("init", settings.init().name().toLowerCase(Locale.ROOT));
        prov.put("dataset-manifest-sha256", index.manifestSha256());
        prov.put("dataset-split", index.split());
        prov.put("dataset-sub-images", index.samples());
        prov.put("dataset-max-per-image", index.maxPerImage());
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("original", stepsOf(work.stage(ORIGINAL)));
        for (int c = 0; c < 3; c++) {
            steps.put(Division.NAMES.get(c), stepsOf(work.branch(c)));
        }
        steps.put("classifier", stepsOf(work.stage(CLASSIFIER)));
        if (finetuned) {
            // the branches then went on in stage 5, routed by the classifier at this operating point
            StageRecord f = StageRecord.read(work.stage(FINETUNE));
            steps.put("finetune", f.steps());
            Map<String, Object> ft = new LinkedHashMap<>();
            ft.put("class-bias", f.facts().get("classBias"));
            ft.put("chosen-by", f.facts().get("chosenBy"));
            ft.put("paper-flops-on-training", f.facts().get("paperFlopsOnTraining"));
            ft.put("batch", f.facts().get("batch"));
            putPixelLoss(ft, f);
            prov.put("finetune", ft);
        }
        Map<String, Object> originalLoss = new LinkedHashMap<>();
        putPixelLoss(originalLoss, StageRecord.read(work.stage(ORIGINAL)));
        if (!originalLoss.isEmpty()) {
            // of the last run of stage 'original' (a continuation may have changed it)
            prov.put("original-last-run", originalLoss);
        }
        prov.put("steps", steps);
        Map<String, Object> continued = new LinkedHashMap<>();
        putContinued(continued, "original", work.stage(ORIGINAL));
        for (int c = 0; c < 3; c++) {
            putContinued(continued, Division.NAMES.get(c), work.branch(c));
        }
        putContinued(continued, "classifier", work.stage(CLASSIFIER));
        if (!continued.isEmpty()) {
            // steps of the earlier models these networks were continued from (Continuation)
            prov.put("continued-from-steps", continued);
        }
        prov.put("division-psnr-border", settings.divide().border());

        try (Net original = Net.sr(arch, settings.original().channels(), TILE, 0);
                Net classifier = Net.classifier(cs.width(), cs.features(), TILE, 0, false);
                Net simple = Net.sr(arch, widths.get(0), TILE, 0);
                Net medium = Net.sr(arch, widths.get(1), TILE, 0);
                Net hard = Net.sr(arch, widths.get(2), TILE, 0)) {
            original.load(origWeights);
            classifier.load(clsWeights);
            List<Net> branches = List.of(simple, medium, hard);
            for (int c = 0; c < 3; c++) {
                branches.get(c).load(branchWeights.get(c));
            }
            if (paths.valDataset() != null && settings.packaging().valSamples() > 0) {
                prov.put("validation-sub-images", validate(original, classifier, branches, d));
            }
            ModelSpec origSpec = new ModelSpec(originalFolder, SCALE, TILE, TILE_STEP, List.of("all"), null,
                    List.of(SrFamily.entry(arch, "original", settings.original().channels())), null, List.of(), prov);
            ModelSpec classSpec = new ModelSpec(classsrFolder, SCALE, TILE, TILE_STEP, Division.NAMES,
                    classifierEntry, branchEntries, "../" + originalFolder,
                    List.of(round(d.thresholds()[0]), round(d.thresholds()[1])), prov);
            Path models = paths.models();
            Path origDir = models.resolve(originalFolder);
            Path classDir = models.resolve(classsrFolder);
            ModelSpec o = ModelWriter.write(origDir, origSpec, Map.of("original", original.block()));
            Map<String, Block> blocks = new LinkedHashMap<>();
            blocks.put("classifier", classifier.block());
            for (int c = 0; c < 3; c++) {
                blocks.put(Division.NAMES.get(c), branches.get(c).block());
            }
            ModelSpec cSpec = ModelWriter.write(classDir, classSpec, blocks);
            listener.message("package: wrote " + classDir + " and " + origDir);
            new StageRecord(PACKAGE.key(), 0, Double.NaN, Double.NaN, java.time.Instant.now().toString(),
                    Map.of("classsr", classDir.toString(), "original", origDir.toString())).write(work.stage(PACKAGE));
            return new Written(classDir, cSpec, origDir, o);
        }
    }

    private static void putContinued(Map<String, Object> into, String name, Path dir) throws IOException {
        Continuation.Record r = Continuation.read(dir);
        if (r != null) {
            into.put(name, r.steps());
        }
    }

    private static long stepsOf(Path dir) throws IOException {
        StageRecord r = StageRecord.read(dir);
        return r == null ? 0 : r.steps();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * Mean sub-image PSNR-Y (border = scale) of bicubic, the "-O" network and ClassSR, class fractions,
     * FLOPs ratio; and per class of the division (the "-O" network's PSNR against its thresholds) each
     * network's gain over bicubic, which shows which branch costs quality when tiles are routed
     * to it.
     */
    private Map<String, Object> validate(Net original, Net classifier, List<Net> branches, Division division) {
        try (SampleDataset val = SampleDataset.open(paths.valDataset())) {
            int[] samples = SrValidation.samples(settings, val.size());
            int border = SCALE;
            int batch = settings.divide().batch();
            double[] orig = SrValidation.score(original, val, samples, border, batch, TrainListener.SILENT);
            double[][] perBranch = new double[3][];
            for (int c = 0; c < 3; c++) {
                perBranch[c] = SrValidation.score(branches.get(c), val, samples, border, batch, TrainListener.SILENT);
            }
            double[] bicubic = SrValidation.bicubic(val, samples);
            double[] divisionScore = SrValidation.score(original, val, samples, settings.divide().border(), batch,
                    TrainListener.SILENT);
            int[] cls = Routing.classes(classifier, val, samples, new double[0]);
            double bic = 0;
            double o = 0;
            double cs = 0;
            long[] counts = new long[3];
            // [true class][bicubic, O, simple, medium, hard] sums, and counts
            double[][] byClass = new double[3][5];
            long[] inClass = new long[3];
            for (int k = 0; k < samples.length; k++) {
                bic += bicubic[k];
                o += orig[k];
                cs += perBranch[cls[k]][k];
                counts[cls[k]]++;
                int truth = division.classOf(divisionScore[k]);
                inClass[truth]++;
                byClass[truth][0] += bicubic[k];
                byClass[truth][1] += orig[k];
                for (int c = 0; c < 3; c++) {
                    byClass[truth][2 + c] += perBranch[c][k];
                }
            }
            Map<String, Object> gains = new LinkedHashMap<>();
            for (int t = 0; t < 3; t++) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("count", inClass[t]);
                if (inClass[t] > 0) {
                    double base = byClass[t][0] / inClass[t];
                    g.put("psnr-y-bicubic", round(base));
                    g.put(SrFamily.originalFolder(settings.arch()), round(byClass[t][1] / inClass[t] - base));
                    for (int c = 0; c < 3; c++) {
                        g.put(Division.NAMES.get(c), round(byClass[t][2 + c] / inClass[t] - base));
                    }
                }
                gains.put(Division.NAMES.get(t), g);
            }
            int n = samples.length;
            double[] fractions = new double[3];
            Map<String, Object> fr = new LinkedHashMap<>();
            for (int c = 0; c < 3; c++) {
                fractions[c] = (double) counts[c] / n;
                fr.put(Division.NAMES.get(c), round(fractions[c]));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", n);
            m.put("note", "mean PSNR-Y (dB, border 4) over 128x128 validation sub-images; full-image numbers come "
                    + "from `classsr eval`");
            m.put("psnr-y-bicubic", round(bic / n));
            m.put("psnr-y-" + SrFamily.originalFolder(settings.arch()), round(o / n));
            m.put("psnr-y-classsr", round(cs / n));
            m.put("class-fractions", fr);
            m.put("paper-flops-ratio", round(paperCost(settings).paperRatio(fractions)));
            m.put("gain-db-by-class", gains);
            listener.message("package: validation " + m);
            return m;
        }
    }
}
