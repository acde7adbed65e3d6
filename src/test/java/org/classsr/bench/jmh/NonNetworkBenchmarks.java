package org.classsr.bench.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.spark.CompactTile;
import org.classsr.tile.BandSink;
import org.classsr.tile.Stitcher;
import org.classsr.tile.Tile;
import org.classsr.tile.TileExtractor;
import org.classsr.tile.TileGrid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The non-network steps of ClassSR on a 4K frame (LR 960x540, HR 3840x2160; 32x32 LR tiles,
 * step 28, x4): cutting tiles, packing a batch of 64 tiles (as BatchRunner does), NDArray
 * creation and output copy (the rest of "tensor conversion"), stitching, PNG encoding, and the
 * Spark job's compact coding of one HR tile for its shuffle.
 * Run with {@link JmhMain}; see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class NonNetworkBenchmarks {

    static final int LR_W = 960;
    static final int LR_H = 540;
    static final int SIZE = 32;
    static final int STEP = 28;
    static final int SCALE = 4;
    static final int BATCH = 64;

    FloatImage lr;
    TileGrid grid;
    List<Tile> tiles;
    float[] packedTiles;
    int[] batchIndices;
    float[] batchBuffer;
    float[] hrTile;
    float[] hrBatch;
    float[] hrSmoothTile;
    CompactTile hrCompact;
    DecodedImage hr4k;
    NDManager manager;
    NDArray outputArray;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(1);
        lr = FloatImage.zeros(LR_W, LR_H, 3);
        float[] d = lr.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextFloat();
        }
        grid = TileGrid.cover(LR_W, LR_H, SIZE, STEP);
        tiles = grid.tiles();
        packedTiles = TileExtractor.extractAll(lr, grid);
        int tileLen = 3 * SIZE * SIZE;
        batchIndices = new int[BATCH];
        for (int i = 0; i < BATCH; i++) { // a class's members are scattered over the chunk
            batchIndices[i] = random.nextInt(tiles.size());
        }
        batchBuffer = new float[BATCH * tileLen];
        int hr = SIZE * SCALE;
        hrTile = new float[3 * hr * hr];
        for (int i = 0; i < hrTile.length; i++) {
            hrTile[i] = random.nextFloat();
        }
        hrBatch = new float[BATCH * hrTile.length];
        // A smooth 4K picture (random noise would make PNG encoding unrealistically slow).
        FloatImage big = FloatImage.zeros(LR_W * SCALE, LR_H * SCALE, 3);
        float[] b = big.data();
        int plane = big.planeSize();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < big.height(); y++) {
                for (int x = 0; x < big.width(); x++) {
                    b[c * plane + y * big.width() + x] = (float) (0.5 + 0.4 * Math.sin(x * 0.01 * (c + 1)) * Math.cos(y * 0.013)
                            + 0.01 * random.nextGaussian());
                }
            }
        }
        hr4k = DecodedImage.of(big);
        // One HR tile of that picture: an SR output is smooth, so its residuals are mostly one byte.
        hrSmoothTile = TileExtractor.extract(big, new Tile(0, 0, 0, 0, 0), hr);
        hrCompact = CompactTile.encode(hrSmoothTile, 3, hr, hr, CompactTile.HR_LEVELS_8);
        manager = NDManager.newBaseManager();
        outputArray = manager.create(FloatBuffer.wrap(hrBatch), new Shape(BATCH, 3, hr, hr));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /** Cuts every tile of a 4K frame's LR image (960x540: 35 x 20 = 700 tiles) into one packed array. */
    @Benchmark
    public float[] tiling() {
        return TileExtractor.extractAll(lr, grid);
    }

    /** Packs 64 scattered tiles into a batch buffer, as BatchRunner.run does before each forward pass. */
    @Benchmark
    public float[] packBatchOf64() {
        int tileLen = 3 * SIZE * SIZE;
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(packedTiles, batchIndices[i] * tileLen, batchBuffer, i * tileLen, tileLen);
        }
        return batchBuffer;
    }

    /** Packing plus the input NDArray (64 x 3 x 32 x 32), as TileBatchTranslator.processInput creates it. */
    @Benchmark
    public void packAndCreateNdArray64(Blackhole bh) {
        packBatchOf64();
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(FloatBuffer.wrap(batchBuffer), new Shape(BATCH, 3, SIZE, SIZE));
            bh.consume(x);
        }
    }

    /** Copying a branch's output (64 HR tiles, 64 x 3 x 128 x 128) back to a Java array, as processOutput does. */
    @Benchmark
    public float[] outputCopy64() {
        return outputArray.toFloatArray();
    }

    /** Feathered stitching of all 700 HR tiles into the 3840x2160 output, streamed to a sink that drops the bands. */
    @Benchmark
    public int stitching4k(Blackhole bh) {
        BandSink sink = (y0, band) -> bh.consume(band);
        Stitcher stitcher = new Stitcher(grid, SCALE, 3, sink);
        for (Tile t : tiles) {
            stitcher.add(t, hrTile, 0);
        }
        stitcher.finish();
        return stitcher.emittedRows();
    }

    /** The Spark job's branch stage: one 128x128 RGB HR tile into its compact shuffle form. */
    @Benchmark
    public CompactTile shuffleEncodeTile() {
        return CompactTile.encode(hrSmoothTile, 3, SIZE * SCALE, SIZE * SCALE, CompactTile.HR_LEVELS_8);
    }

    /** The Spark job's write stage: one compact HR tile back to floats. */
    @Benchmark
    public float[] shuffleDecodeTile() {
        return hrCompact.decode();
    }

    /** PNG encoding (OpenCV) of a 3840x2160 8-bit RGB image. */
    @Benchmark
    public byte[] pngEncode4k() {
        return ImageCodec.encode(hr4k, "png");
    }
}
