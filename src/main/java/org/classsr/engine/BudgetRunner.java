package org.classsr.engine;

import java.util.ArrayList;
import java.util.List;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassSrModel;

/**
 * A budget over the images of a one-JVM run. Per image ({@code scope = image}): each image is
 * scored, planned and routed on its own, right before it is upscaled. Per job: every image is
 * scored first ({@link #score}), then {@link #planJob} chooses one routing for all their tiles, and
 * each image is upscaled with {@link #routing}; only the logits (3 floats a tile) are kept
 * between the two passes. The classifier runs once per tile either way.
 */
public final class BudgetRunner {

    private final TileScorer scorer;
    private final TileCosts costs;
    private final BudgetSettings budget;
    private final List<BudgetRouter.Scores> scored = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();
    private final List<BudgetDecision> imageDecisions = new ArrayList<>();
    private BudgetPlan jobPlan;

    public BudgetRunner(ClassSrModel model, ClassSrModel original, EngineSettings settings, BudgetSettings budget) {
        if (!budget.enabled()) {
            throw new IllegalArgumentException("no budget set (ratio 0)");
        }
        this.scorer = new TileScorer(model, settings);
        this.costs = TileCosts.of(model, original, budget.flops());
        this.budget = budget;
    }

    public boolean perJob() {
        return budget.scope() == BudgetSettings.Scope.JOB;
    }

    /** Job scope, pass 1: scores one image; returns its id for {@link #routing}. */
    public int score(String name, FloatImage lr) {
        if (jobPlan != null) {
            throw new IllegalStateException("the job's routing is already chosen");
        }
        TileScorer.Scored s = scorer.score(lr);
        scored.add(new BudgetRouter.Scores(name, s.logits()));
        nanos.add(s.nanos());
        return scored.size() - 1;
    }

    /** Job scope: chooses the routing of every scored tile. */
    public BudgetPlan planJob() {
        jobPlan = BudgetRouter.plan(scored, costs, budget);
        return jobPlan;
    }

    /** Job scope, pass 2: the classes of image {@code id}. */
    public TileRouting routing(int id) {
        if (jobPlan == null) {
            throw new IllegalStateException("planJob() first");
        }
        return new TileRouting(jobPlan.classes(id, scored.get(id).logits()), nanos.get(id));
    }

    /** Image scope: scores one image and routes its tiles to meet the budget on their own. */
    public TileRouting routeImage(String name, FloatImage lr) {
        TileScorer.Scored s = scorer.score(lr);
        BudgetPlan plan = BudgetRouter.plan(List.of(new BudgetRouter.Scores(name, s.logits())), costs, budget);
        imageDecisions.add(plan.decisions().get(0));
        return new TileRouting(plan.classes(0, s.logits()), s.nanos());
    }

    /** The routing of an image in either scope (job scope: scored before as {@code id}). */
    public TileRouting route(int id, String name, FloatImage lr) {
        return perJob() ? routing(id) : routeImage(name, lr);
    }

    /** What the run's budget did: the job's plan, or the decisions of the images routed so far. */
    public BudgetPlan plan() {
        if (perJob()) {
            return jobPlan != null ? jobPlan : BudgetRouter.plan(List.of(), costs, budget);
        }
        return new BudgetPlan(budget, new int[imageDecisions.size()], imageDecisions);
    }
}
