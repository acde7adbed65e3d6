package org.classsr.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.classsr.engine.BudgetPlan;
import org.classsr.engine.BudgetRouter;
import org.classsr.engine.BudgetSettings;
import org.classsr.engine.TileCosts;
import org.classsr.model.ClassSrModel;
import org.classsr.tile.TileGrid;

/**
 * The job's budget, between stage 1 and the class repartition: the classified tiles (cached, with
 * their logits) are packed per partition into {@link ScoreBlock}s for the driver, which chooses the
 * routing with the engine's {@link BudgetRouter}; executors then route each tile by that plan
 * ({@link RouteFn}). Images are ranked by their file name, as the one-JVM commands name them, so
 * both route alike.
 */
public final class BudgetStage {

    private final BudgetSettings budget;
    private final TileCosts costs;
    private final List<String> classNames;
    private BudgetPlan plan;

    public BudgetStage(BudgetSettings budget, ClassSrModel model, ClassSrModel original) {
        this.budget = budget;
        this.costs = TileCosts.of(model, original, budget.flops());
        this.classNames = model.spec().classNames();
    }

    /** The plan chosen by {@link #route}, or null before. */
    public BudgetPlan plan() {
        return plan;
    }

    /** Routes the classified tiles of {@code images} (their logits kept) to meet the budget. */
    public JavaRDD<TileRecord> route(JavaRDD<TileRecord> classified, List<ImagePlan> images, int tileSize,
            int tileStep, PrintWriter log) {
        float[][] logits = new float[images.size()][];
        for (ScoreBlock b : classified.mapPartitions(new ScoreBlockFn()).collect()) {
            for (int i = 0; i < b.size(); i++) {
                int id = b.image()[i];
                if (logits[id] == null) {
                    ImagePlan p = images.get(id);
                    logits[id] = new float[3 * TileGrid.cover(p.width(), p.height(), tileSize, tileStep).count()];
                }
                System.arraycopy(b.logits(), 3 * i, logits[id], 3 * b.index()[i], 3);
            }
        }
        List<BudgetRouter.Scores> scores = new ArrayList<>();
        int[] position = new int[images.size()];
        for (int id = 0; id < images.size(); id++) {
            position[id] = logits[id] == null ? -1 : scores.size();
            if (logits[id] != null) {
                scores.add(new BudgetRouter.Scores(fileName(images.get(id).input()), logits[id]));
            }
        }
        plan = BudgetRouter.plan(scores, costs, budget);
        if (log != null) {
            log.println("classsr: " + plan.line(classNames));
            plan.clamped().forEach(m -> log.println("classsr: budget clamped: " + m));
            log.flush();
        }
        return classified.map(new RouteFn(plan, position));
    }

    /** The last segment of a path or URI: how the one-JVM commands name an image. */
    static String fileName(String input) {
        String s = input.replaceAll("/+$", "");
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
