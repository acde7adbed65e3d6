package org.classsr.engine;

import ai.djl.Device;
import java.util.stream.IntStream;
import org.classsr.model.ClassBias;
import org.classsr.model.ClassSrModel;
import org.classsr.model.LazyNetwork;

/**
 * The Class-Module and the branches on packed tiles, for one thread or one task: classify tiles, run a branch
 * over tiles. Predictors are opened on first use and closed together; not thread-safe (make one
 * per thread). The one-JVM engine and the Spark job both go through this class, so
 * they compute the same thing.
 *
 * <p>Tiles are packed CHW, 3 x size x size floats each, one after another.
 */
public final class TileProcessor implements AutoCloseable {

    private static final int COLORS = 3;

    private final ClassSrModel model;
    private final EngineSettings settings;
    /** Where the networks run: a Spark task's GPU, or null for DJL's default device. */
    private final Device device;
    private BatchRunner classifier;
    private final BatchRunner[] branches;
    /** The model's calibrated bias plus the run-time bias of the settings, per class. */
    private final double[] bias;

    public TileProcessor(ClassSrModel model, EngineSettings settings) {
        this(model, settings, null);
    }

    /** Networks on {@code device} (null: DJL's default device). */
    public TileProcessor(ClassSrModel model, EngineSettings settings, Device device) {
        this.model = model;
        this.settings = settings;
        this.device = device;
        this.branches = new BatchRunner[model.branches().size()];
        this.bias = new double[model.branches().size()];
        for (int k = 0; k < bias.length; k++) {
            bias[k] = model.spec().bias(k) + settings.bias(k);
        }
    }

    /** The class of each of the first {@code count} tiles (all 0 for a model without classifier). */
    public int[] classify(float[] tiles, int count) {
        if (!model.routed()) {
            return new int[count];
        }
        return ClassBias.argmax(logits(tiles, count), model.branches().size(), bias);
    }

    /** The classifier's raw logits (classes per tile, no bias) of the first {@code count} tiles. */
    public float[] logits(float[] tiles, int count) {
        if (!model.routed()) {
            throw new IllegalStateException("model '" + model.spec().name() + "' has no classifier");
        }
        if (classifier == null) {
            classifier = open(model.classifier(), settings.classifierBatchSize());
        }
        return classifier.run(tiles, IntStream.range(0, count).toArray());
    }

    /** The HR tiles (3 x size*scale x size*scale each, packed) of the tiles {@code indices}, by branch {@code cls}. */
    public float[] superResolve(int cls, float[] tiles, int[] indices) {
        return branch(cls).run(tiles, indices);
    }

    /**
     * One batch of branch {@code cls}: the tiles {@code indices[from .. from + count - 1]} (count at
     * most the batch size), their HR outputs written packed into {@code out} from {@code outOffset}.
     */
    public void superResolveInto(int cls, float[] tiles, int[] indices, int from, int count, float[] out, int outOffset) {
        branch(cls).runInto(tiles, indices, from, count, out, outOffset);
    }

    /** Branch {@code cls}, opened on first use. */
    private BatchRunner branch(int cls) {
        if (cls < 0 || cls >= branches.length) {
            throw new IllegalArgumentException("class " + cls + " has no branch; the model has " + branches.length);
        }
        if (branches[cls] == null) {
            branches[cls] = open(model.branches().get(cls), settings.batchSize());
        }
        return branches[cls];
    }

    /** Nanoseconds the classifier has spent so far in tensor conversion (packing, NDArray creation, output copy). */
    public long classifierConversionNanos() {
        return classifier == null ? 0 : classifier.conversionNanos();
    }

    /** Nanoseconds all branches have spent so far in tensor conversion (packing, NDArray creation, output copy). */
    public long branchConversionNanos() {
        long sum = 0;
        for (BatchRunner b : branches) {
            sum += b == null ? 0 : b.conversionNanos();
        }
        return sum;
    }

    /** Values per LR tile. */
    public int tileLength() {
        return COLORS * model.spec().tileSize() * model.spec().tileSize();
    }

    /** Values per HR tile. */
    public int hrTileLength() {
        int hr = model.spec().tileSize() * model.spec().scale();
        return COLORS * hr * hr;
    }

    private BatchRunner open(LazyNetwork network, int batch) {
        return new BatchRunner(network.model(device), network.name(), batch, COLORS, model.spec().tileSize());
    }

    @Override
    public void close() {
        if (classifier != null) {
            classifier.close();
        }
        for (BatchRunner b : branches) {
            if (b != null) {
                b.close();
            }
        }
    }
}
