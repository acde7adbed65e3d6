package org.classsr.engine;

import java.util.ArrayList;
import java.util.List;
import org.classsr.image.FloatImage;
import org.classsr.image.GreyImages;
import org.classsr.model.ClassBias;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ClassCounts;
import org.classsr.model.RoutingCost;
import org.classsr.tile.TileExtractor;
import org.classsr.tile.TileGrid;

/**
 * Chooses a model's operating point for a compute budget: the classifier's logits of every tile
 * of some representative LR images are computed once; then the knob b of
 * {@code class-bias = [b, 0, -b]} (b > 0 favours the simple branch, b < 0 the hard one; the same
 * family that {@code bench --sweep} explores) is bisected until the paper-FLOPs ratio against the
 * "-O" network reaches the target. Only the classifier runs, so this is cheap; quality at the
 * chosen point is then measured with {@code eval}.
 */
public final class Calibration {

    private final ClassSrModel model;
    private final RoutingCost cost;
    private final List<float[]> logits = new ArrayList<>();
    private int tiles;

    /**
     * @param cost the model's networks and its "-O" network, per tile
     */
    public Calibration(ClassSrModel model, RoutingCost cost) {
        if (!model.routed() || model.branches().size() != 3) {
            throw new IllegalArgumentException("calibration needs a ClassSR model with a classifier and 3 classes");
        }
        this.model = model;
        this.cost = cost;
    }

    /** Adds the tiles of one LR image (grey or RGB). */
    public void add(FloatImage lr) {
        if (lr.channels() == 1) {
            lr = GreyImages.toRgb(lr);
        }
        int size = model.spec().tileSize();
        TileGrid grid = TileGrid.cover(lr.width(), lr.height(), size, model.spec().tileStep());
        try (TileProcessor networks = new TileProcessor(model, EngineSettings.defaults())) {
            float[] packed = TileExtractor.extract(lr, grid.tiles(), size);
            logits.add(networks.logits(packed, grid.count()));
        }
        tiles += grid.count();
    }

    public int tiles() {
        return tiles;
    }

    /** One operating point: the knob, the bias it gives, class fractions, paper-FLOPs ratio. */
    public record Point(double b, double[] classBias, double[] classFraction, double paperFlopsRatio) {
    }

    /** The point of knob value b (on top of no other bias). */
    public Point at(double b) {
        double[] bias = ClassBias.of(b);
        long[] counts = new long[3];
        for (float[] l : logits) {
            for (int c : ClassBias.argmax(l, 3, bias)) {
                counts[c]++;
            }
        }
        double[] fraction = ClassCounts.fractions(counts);
        return new Point(b, bias, fraction, cost.paperRatio(fraction));
    }

    /**
     * The smallest |b| whose paper-FLOPs ratio is at most {@code target} (b >= 0 when the
     * unbiased model is over budget, b <= 0 when it is under), found by bisection.
     */
    public Point forBudget(double target) {
        return at(ClassBias.knobForBudget(b -> at(b).paperFlopsRatio(), target));
    }
}
