package org.classsr.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.classsr.engine.BudgetPlan;
import org.classsr.engine.BudgetRunner;
import org.classsr.engine.BudgetSettings;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.Evaluator;
import org.classsr.engine.ProgressListener;
import org.classsr.engine.TileRouting;
import org.classsr.engine.UpscaleResult;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassSrModel;
import org.classsr.model.CostTally;
import org.classsr.model.Macs;

/**
 * The quality/cost curve from the budget ({@code bench --sweep-budget}): ClassSR in the engine at
 * each budget, the Class-Module's scoring pass and the routed upscale both timed, per image;
 * PSNR-Y, class split and FLOPs from the first timed pass.
 */
final class BudgetSweep {

    /** One benchmark image: its ground truth and LR input, named as its LR file. */
    record Input(String name, FloatImage truth, FloatImage lr) {
    }

    private BudgetSweep() {
    }

    /** The budgets to sweep: sorted, duplicates removed. */
    static List<Double> values(List<Double> requested) {
        for (double r : requested) {
            if (!(r > 0)) {
                throw new IllegalArgumentException("--sweep-budget values must be > 0, got " + r);
            }
        }
        return List.copyOf(new TreeSet<>(requested));
    }

    static List<BudgetPoint> run(ClassSrModel classsr, ClassSrModel original, EngineSettings engine,
            BudgetSettings base, List<Double> ratios, List<Input> images, int repeats, double originalSeconds,
            Macs originalMacs, PrintWriter log) {
        List<BudgetPoint> points = new ArrayList<>();
        ClassSrEngine routed = new ClassSrEngine(classsr, engine);
        int scale = classsr.spec().scale();
        int n = images.size();
        for (double ratio : values(ratios)) {
            BudgetSettings budget = base.withRatio(ratio);
            if (log != null) {
                log.println("bench: " + budget);
                log.flush();
            }
            double[] seconds = new double[repeats];
            double psnr = 0;
            CostTally cost = new CostTally(3);
            cost.addOriginal(originalMacs);
            BudgetPlan plan = null;
            for (int rep = 0; rep < repeats; rep++) {
                long t = System.nanoTime();
                BudgetRunner runner = new BudgetRunner(classsr, original, engine, budget);
                List<Integer> ids = new ArrayList<>();
                if (runner.perJob()) {
                    for (Input im : images) {
                        ids.add(runner.score(im.name(), im.lr()));
                    }
                    runner.planJob();
                }
                for (int i = 0; i < n; i++) {
                    Input im = images.get(i);
                    TileRouting routing = runner.route(runner.perJob() ? ids.get(i) : -1, im.name(), im.lr());
                    UpscaleResult r = routed.upscale(im.lr(), ProgressListener.NONE, routing);
                    if (rep == 0) {
                        psnr += Evaluator.psnrY(r.image(), im.truth(), scale) / n;
                        cost.add(r.stats().tilesPerClass(), r.stats().macs());
                    }
                }
                seconds[rep] = (System.nanoTime() - t) / 1e9 / n;
                if (rep == 0) {
                    plan = runner.plan();
                }
            }
            Spread s = Spread.of(seconds);
            points.add(new BudgetPoint(ratio, plan.reached(), plan.biasRange(), psnr, cost.fractions(),
                    cost.paperFlopsRatio(), cost.executedFlopsRatio(), s,
                    s.median() / originalSeconds, plan.clamped()));
        }
        return points;
    }
}
