package org.classsr.engine;

import java.util.Arrays;
import org.classsr.image.FloatImage;
import org.classsr.image.GreyImages;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ClassCounts;
import org.classsr.model.ModelSpec;
import org.classsr.model.RoutingCost;
import org.classsr.tile.BandSink;
import org.classsr.tile.ImageAssembler;
import org.classsr.tile.Stitcher;
import org.classsr.tile.TileExtractor;
import org.classsr.tile.TileGrid;

/**
 * ClassSR in one JVM: cut the LR image into overlapping tiles, classify them in batches, run each
 * class's branch over its tiles in large batches, and stitch the HR tiles with feathered blending.
 *
 * <p>Tiles are processed in chunks of whole tile rows (about {@code chunkTiles} tiles). Within a
 * chunk the branch batches run in the order that completes tiles from the top ({@link
 * BranchSchedule}), and after each batch the tiles it completed are stitched and streamed to the
 * sink on a background thread while the networks run the next batch ({@link StitchOverlap}), so
 * memory is bounded by the chunk being computed plus the rows being stitched, not by the image.
 * A model without a classifier (the "-O" network) runs its one branch on every tile. Thread-safe:
 * every call opens and closes its own predictors.
 *
 * <p>Given a {@link FixedSplit}, tiles go to the branches by that split instead of by the
 * classifier's choice; the classifier still runs on every tile (its answer is dropped), so the
 * time is that of a real ClassSR run at that class split.
 */
public final class ClassSrEngine {

    private static final int COLORS = 3;

    private final ClassSrModel model;
    private final EngineSettings settings;
    /** Routes tiles instead of the classifier's argmax when set. */
    private final FixedSplit split;
    /** Stitch a chunk while the networks run on the next (see {@link StitchOverlap}). */
    private final boolean overlap;

    public ClassSrEngine(ClassSrModel model, EngineSettings settings) {
        this(model, settings, null);
    }

    /**
     * @param split route tiles by this fixed split (one fraction per class) instead of by the
     *     classifier's choice; null: by the classifier
     */
    public ClassSrEngine(ClassSrModel model, EngineSettings settings, FixedSplit split) {
        this(model, settings, split, true);
    }

    /**
     * For measurement: the same engine with every batch's tiles stitched on the caller's thread,
     * so that a benchmark can time what the stitch thread saves.
     */
    public static ClassSrEngine stitchingInline(ClassSrModel model, EngineSettings settings) {
        return new ClassSrEngine(model, settings, null, false);
    }

    /** As above; {@code overlap = false} stitches every batch's tiles before the next batch runs. */
    ClassSrEngine(ClassSrModel model, EngineSettings settings, FixedSplit split, boolean overlap) {
        if (split != null && (!model.routed() || split.classes() != model.branches().size())) {
            throw new IllegalArgumentException("a fixed split of " + split.classes() + " classes needs a ClassSR model "
                    + "with a classifier and " + split.classes() + " branches; '" + model.spec().name() + "' has "
                    + (model.routed() ? model.branches().size() + " branches" : "no classifier"));
        }
        this.model = model;
        this.settings = settings;
        this.split = split;
        this.overlap = overlap;
    }

    public ClassSrModel model() {
        return model;
    }

    public int scale() {
        return model.spec().scale();
    }

    /** Upscales an image that fits in memory (grey or RGB) and returns it whole. */
    public UpscaleResult upscale(FloatImage lr) {
        return upscale(lr, ProgressListener.NONE);
    }

    public UpscaleResult upscale(FloatImage lr, ProgressListener progress) {
        int s = scale();
        ImageAssembler assembler = new ImageAssembler(lr.width() * s, lr.height() * s, lr.channels());
        UpscaleStats stats = upscale(lr, assembler, progress);
        return new UpscaleResult(assembler.result(), stats);
    }

    /**
     * Upscales an image that fits in memory with its tiles' classes chosen beforehand (by a budget,
     * from logits the classifier already gave): the classifier does not run again.
     */
    public UpscaleResult upscale(FloatImage lr, ProgressListener progress, TileRouting routing) {
        int s = scale();
        ImageAssembler assembler = new ImageAssembler(lr.width() * s, lr.height() * s, lr.channels());
        UpscaleStats stats = upscale(lr, assembler, progress, routing);
        return new UpscaleResult(assembler.result(), stats);
    }

    /** Upscales an image (grey or RGB), streaming the output to {@code sink} in row bands. */
    public UpscaleStats upscale(FloatImage lr, BandSink sink, ProgressListener progress) {
        return upscale(lr, sink, progress, null);
    }

    /**
     * @param routing the tiles' classes chosen beforehand, or null to classify them here
     */
    public UpscaleStats upscale(FloatImage lr, BandSink sink, ProgressListener progress, TileRouting routing) {
        long start = System.nanoTime();
        if (lr.channels() != 1 && lr.channels() != COLORS) {
            throw new IllegalArgumentException("the engine takes grey or RGB images, got " + lr.channels() + " channels");
        }
        ModelSpec spec = model.spec();
        int size = spec.tileSize();
        int scale = spec.scale();
        FloatImage rgb = lr.channels() == 1 ? GreyImages.toRgb(lr) : lr;
        BandSink target = lr.channels() == 1 ? (y0, band) -> sink.accept(y0, GreyImages.mean(band)) : sink;
        TileGrid grid = TileGrid.cover(lr.width(), lr.height(), size, spec.tileStep());
        Stitcher stitcher = new Stitcher(grid, scale, COLORS, target);
        int tileLen = COLORS * size * size;
        int hrLen = COLORS * size * scale * size * scale;
        int classes = model.branches().size();
        int[] tileClasses = new int[grid.count()];
        long tiling = 0;
        long classify = 0;
        long stitch = 0;
        long[] branchTime = new long[classes];
        long classifyConversion;
        long branchConversion;
        int[] fixed = split == null ? null : split.assign(grid.count());
        int[] given = routing == null ? null : routing.classes();
        if (given != null && given.length != grid.count()) {
            throw new IllegalArgumentException("routing gives " + given.length + " classes for " + grid.count() + " tiles");
        }

        try (TileProcessor networks = new TileProcessor(model, settings);
                StitchOverlap stitching = new StitchOverlap(overlap)) {
            int cols = grid.cols();
            int rowsPerChunk = Math.max(1, settings.chunkTiles() / cols);
            for (int row0 = 0; row0 < grid.rows(); row0 += rowsPerChunk) {
                int row1 = Math.min(grid.rows(), row0 + rowsPerChunk);
                int first = row0 * cols;
                int count = (row1 - row0) * cols;

                long t = System.nanoTime();
                float[] lrTiles = new float[Math.multiplyExact(count, tileLen)];
                for (int i = 0; i < count; i++) {
                    TileExtractor.extract(rgb, grid.tile(first + i), size, lrTiles, i * tileLen);
                }
                tiling += System.nanoTime() - t;

                t = System.nanoTime();
                int[] chunkClasses = given != null ? Arrays.copyOfRange(given, first, first + count)
                        : networks.classify(lrTiles, count);
                if (fixed != null) {
                    chunkClasses = Arrays.copyOfRange(fixed, first, first + count);
                }
                System.arraycopy(chunkClasses, 0, tileClasses, first, count);
                classify += System.nanoTime() - t;

                // Each class's branch over its tiles in full batches, the batches in the order that
                // completes tiles from the top (BranchSchedule); after each batch the tiles now
                // complete in row-major order are stitched on the background thread.
                BranchSchedule schedule = BranchSchedule.of(chunkClasses, classes, settings.batchSize());
                float[][] outputs = new float[classes][];
                for (int k = 0; k < classes; k++) {
                    outputs[k] = new float[Math.multiplyExact(schedule.members(k).length, hrLen)];
                }
                int[] routed = chunkClasses;
                int firstTile = first;
                int stitched = 0;
                for (BranchSchedule.Batch b : schedule.batches()) {
                    t = System.nanoTime();
                    networks.superResolveInto(b.cls(), lrTiles, schedule.members(b.cls()), b.from(), b.count(),
                            outputs[b.cls()], b.from() * hrLen);
                    branchTime[b.cls()] += System.nanoTime() - t;
                    if (b.frontier() > stitched) {
                        int from = stitched;
                        int to = b.frontier();
                        stitching.submit(() -> {
                            for (int i = from; i < to; i++) {
                                stitcher.add(grid.tile(firstTile + i), outputs[routed[i]], schedule.slot(i) * hrLen);
                            }
                        });
                        stitched = to;
                    }
                }
                progress.tilesDone(count);
            }
            stitching.finish(stitcher::finish);
            stitch = stitching.exposedNanos(); // what the wall time paid; the rest overlapped the networks
            if (routing != null) {
                classify += routing.classifyNanos();
            }
            classifyConversion = networks.classifierConversionNanos();
            branchConversion = networks.branchConversionNanos();
        }

        int[] perClass = ClassCounts.perClass(tileClasses, classes);
        long total = System.nanoTime() - start + (routing == null ? 0 : routing.classifyNanos());
        PhaseTimes times = new PhaseTimes(tiling, classify, branchTime, stitch, total,
                classifyConversion, branchConversion);
        return new UpscaleStats(lr.width(), lr.height(), scale, tileClasses, perClass,
                RoutingCost.of(model, null).total(perClass), times);
    }

    /**
     * Runs every network once on a full batch, so that timed runs do not pay first-call costs
     * (native kernel selection, allocator growth) for the batch shapes they will use.
     */
    public void warmUp() {
        int size = model.spec().tileSize();
        try (TileProcessor networks = new TileProcessor(model, settings)) {
            int n = Math.max(settings.classifierBatchSize(), settings.batchSize());
            float[] zeros = new float[n * networks.tileLength()];
            networks.classify(zeros, settings.classifierBatchSize());
            int[] batch = java.util.stream.IntStream.range(0, settings.batchSize()).toArray();
            for (int k = 0; k < model.branches().size(); k++) {
                networks.superResolve(k, zeros, batch);
            }
        }
        upscale(FloatImage.zeros(size * 2, size * 2, COLORS));
    }

    @Override
    public String toString() {
        return "ClassSrEngine[" + model.spec().name() + ", " + settings + ", classes "
                + Arrays.toString(model.spec().classNames().toArray()) + (split == null ? "" : ", " + split) + "]";
    }
}
