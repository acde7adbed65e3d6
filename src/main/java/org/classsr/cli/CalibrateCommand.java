package org.classsr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.classsr.engine.Calibration;
import org.classsr.engine.Evaluator;
import org.classsr.image.FloatImage;
import org.classsr.image.PixelLimit;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.ModelSpec;
import org.classsr.model.RoutingCost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code classsr calibrate}: the model's class-bias for a paper-FLOPs budget, measured on images. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Choose a ClassSR model's operating point (class-bias = [b, 0, -b]) so that its paper-FLOPs "
                + "ratio against the \"-O\" network meets a budget on representative HR images (LR made as eval "
                + "makes it). Only the classifier runs. --write stores the bias in model.conf; check quality with eval."})
public final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    CommandOptions options;

    @Option(names = "--hr", paramLabel = "DIR", required = true, description = "Representative HR images (file or folder).")
    Path hr;

    @Option(names = "--target-paper-flops", paramLabel = "RATIO", required = true,
            description = "Budget: ClassSR paper FLOPs / \"-O\" paper FLOPs, e.g. 0.6.")
    double target;

    @Option(names = "--write", description = "Store the chosen class-bias (and how it was chosen) in model.conf.")
    boolean write;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = options.out();
        Settings settings = options.load();
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("--target-paper-flops must be in (0, 1], got " + target);
        }
        Path folder = settings.model();
        int images = 0;
        Calibration.Point chosen;
        Calibration.Point unbiased;
        int tiles;
        try (ClassSrModel model = ModelLoader.load(folder)) {
            if (model.originalFolder() == null) {
                throw new IllegalArgumentException("model " + folder + " names no \"-O\" network (key original)");
            }
            RoutingCost cost;
            // Only the "-O" network's cost is needed: its weights are not read.
            try (ClassSrModel original = ModelLoader.open(model.originalFolder())) {
                cost = RoutingCost.of(model, original);
            }
            Calibration calibration = new Calibration(model, cost);
            long hrLimit = PixelLimit.forHr(settings.maxPixels(), model.spec().scale());
            // A calibration over some of the images only would be a different one: refuse instead.
            for (InputImages.Input file : InputImages.expand(List.of(hr), hrLimit).requireAny(hr).requireAll()) {
                // The header first: a huge image is refused, not decoded.
                org.classsr.image.ImageInfo info = file.probe();
                PixelLimit.check(file.path(), info.width(), info.height(), hrLimit);
                FloatImage truth = file.read().color().cropToMultiple(model.spec().scale());
                calibration.add(Evaluator.lowResolution(truth, model.spec().scale()));
                images++;
            }
            unbiased = calibration.at(0);
            chosen = calibration.forBudget(target);
            tiles = calibration.tiles();
        }
        List<String> names = ModelSpec.read(folder).classNames();
        out.printf("%d images, %d tiles%n", images, tiles);
        out.printf("b = 0        : %s  paper FLOPs ratio %.4f%n", fractions(names, unbiased), unbiased.paperFlopsRatio());
        out.printf("b = %-9.4f: %s  paper FLOPs ratio %.4f (target %.4f)%n", chosen.b(), fractions(names, chosen),
                chosen.paperFlopsRatio(), target);
        if (write) {
            ModelSpec current = ModelSpec.read(folder);
            Map<String, Object> provenance = new LinkedHashMap<>(current.provenance());
            Map<String, Object> how = new LinkedHashMap<>();
            how.put("target-paper-flops-ratio", target);
            how.put("reached-paper-flops-ratio", chosen.paperFlopsRatio());
            how.put("images", images);
            how.put("tiles", tiles);
            how.put("hr", hr.toString());
            provenance.put("calibration", how);
            current.withClassBias(List.of(chosen.classBias()[0], chosen.classBias()[1], chosen.classBias()[2]))
                    .withProvenance(provenance).write(folder);
            out.printf("class-bias written to %s%n", folder.resolve(ModelSpec.FILE_NAME));
        }
        out.flush();
        return 0;
    }

    private static String fractions(List<String> names, Calibration.Point p) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < p.classFraction().length; k++) {
            sb.append(k == 0 ? "" : " ").append(names.get(k)).append(String.format(" %.3f", p.classFraction()[k]));
        }
        return sb.toString();
    }
}
