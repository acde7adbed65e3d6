package org.classsr.bench;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.classsr.engine.EngineSettings;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassBias;
import org.classsr.model.ClassSrModel;
import org.classsr.model.LazyNetwork;
import org.classsr.tile.ImageAssembler;
import org.classsr.tile.Stitcher;
import org.classsr.tile.TileExtractor;
import org.classsr.tile.TileGrid;

/**
 * The yardstick for the engine (issue 22): ClassSR, or the "-O" network, written the plain way,
 * with the same networks, the same tile grid, routing and feathered stitching as the engine. Tile
 * the whole image, classify every tile, run each class's tiles through its branch in large
 * batches, stitch every HR tile at the end. No chunks, no pipelining, no buffer reuse: every step
 * finishes before the next starts and every HR tile of the image is held at once.
 *
 * <p>RGB input only (what the benchmark feeds it). One object per thread: predictors are opened
 * and closed by each call.
 */
public final class PlainBatched {

    private static final int COLORS = 3;

    private final ClassSrModel model;
    private final double[] bias;
    private final int batch;
    private final int classifierBatch;

    /**
     * @param model a ClassSR model (classifier and branches) or an "-O" model (one branch)
     * @param settings the engine's settings: their class-bias routes as the engine routes
     * @param batch tiles per branch forward pass
     * @param classifierBatch tiles per classifier forward pass
     */
    public PlainBatched(ClassSrModel model, EngineSettings settings, int batch, int classifierBatch) {
        if (batch < 1 || classifierBatch < 1) {
            throw new IllegalArgumentException("batch sizes must be >= 1, got " + batch + ", " + classifierBatch);
        }
        this.model = model;
        this.batch = batch;
        this.classifierBatch = classifierBatch;
        this.bias = new double[model.branches().size()];
        for (int k = 0; k < bias.length; k++) {
            bias[k] = model.spec().bias(k) + settings.bias(k);
        }
    }

    public int batch() {
        return batch;
    }

    /** The x scale image of an RGB LR image. */
    public FloatImage upscale(FloatImage lr) {
        if (lr.channels() != COLORS) {
            throw new IllegalArgumentException("the plain implementation takes RGB images, got " + lr.channels() + " channels");
        }
        int size = model.spec().tileSize();
        int scale = model.spec().scale();
        TileGrid grid = TileGrid.cover(lr.width(), lr.height(), size, model.spec().tileStep());
        int count = grid.count();

        // 1. Tile everything.
        float[] tiles = TileExtractor.extractAll(lr, grid);

        // 2. Classify all tiles.
        int classes = model.branches().size();
        int[] tileClass = model.routed()
                ? ClassBias.argmax(run(model.classifier(), tiles, IntStream.range(0, count).toArray(), classifierBatch),
                        classes, bias)
                : new int[count];

        // 3. Each class's tiles through its branch, in large batches; outputs kept in tile order.
        int hrLen = COLORS * size * scale * size * scale;
        float[] hr = new float[Math.multiplyExact(count, hrLen)];
        for (int k = 0; k < classes; k++) {
            int cls = k;
            int[] members = IntStream.range(0, count).filter(i -> tileClass[i] == cls).toArray();
            if (members.length == 0) {
                continue;
            }
            float[] out = run(model.branches().get(k), tiles, members, batch);
            for (int j = 0; j < members.length; j++) {
                System.arraycopy(out, j * hrLen, hr, members[j] * hrLen, hrLen);
            }
        }

        // 4. Stitch.
        ImageAssembler assembler = new ImageAssembler(lr.width() * scale, lr.height() * scale, COLORS);
        Stitcher stitcher = new Stitcher(grid, scale, COLORS, assembler);
        for (int i = 0; i < count; i++) {
            stitcher.add(grid.tile(i), hr, i * hrLen);
        }
        stitcher.finish();
        return assembler.result();
    }

    /** {@code network} over the tiles {@code indices}, {@code n} at a time; outputs packed in that order. */
    private float[] run(LazyNetwork network, float[] tiles, int[] indices, int n) {
        int size = model.spec().tileSize();
        int tileLen = COLORS * size * size;
        float[] out = null;
        int outLen = 0;
        try (Predictor<float[], float[]> predictor = network.model().newPredictor(new Plain(size))) {
            for (int start = 0; start < indices.length; start += n) {
                int m = Math.min(n, indices.length - start);
                float[] input = new float[m * tileLen];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(tiles, indices[start + i] * tileLen, input, i * tileLen, tileLen);
                }
                float[] result = predictor.predict(input);
                if (out == null) {
                    outLen = result.length / m;
                    out = new float[Math.multiplyExact(outLen, indices.length)];
                }
                System.arraycopy(result, 0, out, start * outLen, m * outLen);
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("network '" + network.name() + "' failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Packed RGB tiles in, the flattened output out. */
    private record Plain(int size) implements NoBatchifyTranslator<float[], float[]> {

        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            int count = input.length / (COLORS * size * size);
            return new NDList(ctx.getNDManager().create(FloatBuffer.wrap(input), new Shape(count, COLORS, size, size)));
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().toFloatArray();
        }
    }
}
