package org.classsr.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classsr.TestArrays;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.UpscaleResult;
import org.classsr.image.FloatImage;
import org.classsr.model.ClassSrModel;
import org.classsr.model.LazyNetwork;
import org.classsr.model.ModelLoader;
import org.classsr.model.ModelSpec;
import org.classsr.model.NetworkEntry;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;
import org.classsr.model.Sha256;
import org.classsr.nn.PhaseTailBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fixture imported, loaded back from its model folder and run: the output must equal
 * PyTorch's forward of the same checkpoint (written by make_fixtures.py) on every pixel.
 */
class CheckpointImporterTest {

    /** One grey level is 1/255; float32 agreement is far tighter. */
    private static final float TOLERANCE = 2e-4f;

    private static final Shape LR = new Shape(1, 3, 8, 8);

    @TempDir
    Path dir;

    private Path importFixture(String file, CheckpointImporter.Arch arch) throws IOException {
        return CheckpointImporter.run(Fixtures.file(file), arch, dir.resolve(file.replace(".pth", ""))).folder();
    }

    /** Runs a loaded network on the LR fixture. */
    private static float[] forward(LazyNetwork net) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(Fixtures.floats("lr.f32"), LR);
            NDArray y = net.model().getBlock().forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow();
            return y.toFloatArray();
        }
    }

    private static void assertMatchesPyTorch(String label, float[] expected, float[] actual) {
        float diff = TestArrays.maxAbsDiff(expected, actual);
        System.out.printf("import %-20s max |DJL - PyTorch| = %.3g%n", label, diff);
        assertTrue(diff <= TOLERANCE, label + ": max abs difference " + diff + " over " + TOLERANCE);
    }

    /** Imports a single network and checks the options read from it and its forward pass. */
    private ModelSpec checkSingle(String name, CheckpointImporter.Arch arch, Map<String, Integer> options)
            throws IOException {
        Path folder = importFixture(name + ".pth", arch);
        try (ClassSrModel model = ModelLoader.load(folder)) {
            ModelSpec spec = model.spec();
            assertEquals(List.of("all"), spec.classNames());
            assertNull(spec.classifier());
            assertEquals("original", model.branches().get(0).name());
            assertEquals(options, model.branches().get(0).entry().spec().options());
            float[] out = forward(model.branches().get(0));
            assertEquals(1 * 3 * 32 * 32, out.length);
            assertMatchesPyTorch(name, Fixtures.floats(name + ".out.f32"), out);
            return spec;
        }
    }

    @Test
    void fsrcnnWithItsTransposedTailAndSharedSlopes() throws IOException {
        ModelSpec spec = checkSingle("fsrcnn", CheckpointImporter.Arch.FSRCNN,
                Map.of("channels", 8, "shrink", 12, "mapping", 4));
        assertEquals(4, spec.scale());
        assertEquals(32, spec.tileSize());
        assertEquals(28, spec.tileStep());
    }

    /** The same import with transposed-tail = 1 runs only the real taps and still matches PyTorch. */
    @Test
    void fsrcnnWithThePhaseTailMatchesPyTorchsTransposedConvolution() throws IOException {
        Path folder = importFixture("fsrcnn.pth", CheckpointImporter.Arch.FSRCNN);
        ModelSpec spec = ModelSpec.read(folder);
        NetworkEntry e = spec.branches().get(0);
        Map<String, Integer> options = new java.util.HashMap<>(e.spec().options());
        options.put(NetworkRegistry.TRANSPOSED_TAIL, 1);
        NetworkEntry phases = new NetworkEntry(e.name(), new NetworkSpec(e.spec().arch(), options), e.weights());
        new ModelSpec(spec.name(), spec.scale(), spec.tileSize(), spec.tileStep(), spec.classNames(), null,
                List.of(phases), spec.original(), spec.thresholdsDb(), spec.provenance(), spec.classBias())
                .write(folder);
        try (ClassSrModel model = ModelLoader.load(folder)) {
            LazyNetwork net = model.branches().get(0);
            assertTrue(net.model().getBlock().getChildren().get("15Conv2d") instanceof PhaseTailBlock);
            assertMatchesPyTorch("fsrcnn, phase tail", Fixtures.floats("fsrcnn.out.f32"), forward(net));
        }
    }

    @Test
    void carnWithBatchNormFoldedFromAWrappedDataParallelCheckpoint() throws IOException {
        ModelSpec spec = checkSingle("carn", CheckpointImporter.Arch.CARN, Map.of("channels", 8, "group", 4));
        @SuppressWarnings("unchecked")
        Map<String, Object> imported = (Map<String, Object>) spec.provenance().get("import");
        assertEquals("params", imported.get("state-dict"));
    }

    @Test
    void srresnetFromStridedAndSharedStorages() throws IOException {
        checkSingle("srresnet", CheckpointImporter.Arch.SRRESNET, Map.of("channels", 8, "blocks", 2));
    }

    @Test
    void rcanInHalfPrecisionOnPixelsInRange255() throws IOException {
        checkSingle("rcan", CheckpointImporter.Arch.RCAN,
                Map.of("channels", 16, "groups", 2, "blocks", 2, "reduction", 16, "range", 255));
    }

    @Test
    void provenanceNamesTheSourceFileAndItsChecksum() throws IOException {
        Path folder = importFixture("fsrcnn.pth", CheckpointImporter.Arch.FSRCNN);
        ModelSpec spec = ModelSpec.read(folder);
        assertEquals("fsrcnn", spec.name());
        assertEquals(Map.of("import", Map.of("source", "fsrcnn.pth", "arch", "fsrcnn",
                "sha256", Sha256.of(Fixtures.file("fsrcnn.pth")))), spec.provenance());
    }

    @Test
    void wholeClassSrCheckpointLoadsAndEveryNetworkMatches() throws IOException {
        Path folder = importFixture("classsr-carn.pth", CheckpointImporter.Arch.CLASSSR_CARN);
        try (ClassSrModel model = ModelLoader.load(folder)) {
            ModelSpec spec = model.spec();
            assertEquals(List.of("simple", "medium", "hard"), spec.classNames());
            assertEquals(List.of(), spec.classBias());
            assertEquals(Map.of("width", 32, "features", 32, "classes", 3), model.classifier().entry().spec().options());
            float[] logits = forward(model.classifier());
            assertEquals(3, logits.length);
            assertMatchesPyTorch("classsr-carn classifier", Fixtures.floats("classsr-carn.logits.f32"), logits);
            int[] widths = {4, 8, 12};
            for (int i = 0; i < 3; i++) {
                LazyNetwork branch = model.branches().get(i);
                assertEquals(spec.classNames().get(i), branch.name());
                assertEquals(Map.of("channels", widths[i], "group", 4), branch.entry().spec().options());
                assertMatchesPyTorch("classsr-carn net" + (i + 1),
                        Fixtures.floats("classsr-carn.net" + (i + 1) + ".out.f32"), forward(branch));
            }
            // and the engine runs it like any model folder: 2 x 2 tiles of 32 (step 28) on 40 x 36
            FloatImage lr = FloatImage.zeros(40, 36, 3);
            java.util.Random rng = new java.util.Random(3);
            for (int k = 0; k < lr.data().length; k++) {
                lr.data()[k] = rng.nextFloat();
            }
            UpscaleResult result = new ClassSrEngine(model, EngineSettings.defaults()).upscale(lr);
            assertEquals(160, result.image().width());
            assertEquals(144, result.image().height());
            assertEquals(4, result.stats().tiles());
            assertEquals(4, java.util.Arrays.stream(result.stats().tilesPerClass()).sum());
            for (float v : result.image().data()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void upstreamKeysSurviveTheRoundTripThroughOurNames() {
        for (String file : List.of("carn.pth", "srresnet.pth", "rcan.pth")) {
            for (String key : TorchCheckpoint.read(Fixtures.file(file)).stateDict().keySet()) {
                if (key.contains("running_") || key.endsWith("num_batches_tracked")) {
                    continue; // BatchNorm statistics are folded, never a parameter of ours
                }
                assertEquals(key, GraphMapping.upstreamKey(GraphMapping.ourName(key)), file);
            }
        }
    }

    @Test
    void rcanReductionIsReadBackForUpstreamWidths() {
        // ClassSR-RCAN's widths with reduction 16 squeeze to 36 // 16 = 2 and 50 // 16 = 3
        assertArrayEquals(new long[] {16, 16, 16}, new long[] {
            reduction(36, 2), reduction(50, 3), reduction(64, 4)});
        assertEquals(4, reduction(16, 4)); // 16 // 4 = 4, while 16 // 16 = 1: not upstream's default
    }

    private static long reduction(int nf, int squeezed) {
        Map<String, TensorData> keys = new java.util.LinkedHashMap<>();
        keys.put("head.0.weight", TensorData.filled(new long[] {nf, 3, 3, 3}, 0));
        keys.put("body.0.body.0.body.0.weight", TensorData.filled(new long[] {nf, nf, 3, 3}, 0));
        keys.put("body.0.body.0.body.3.conv_du.0.weight", TensorData.filled(new long[] {squeezed, nf, 1, 1}, 0));
        keys.put("tail.0.0.weight", TensorData.filled(new long[] {4L * nf, nf, 3, 3}, 0));
        keys.put("tail.0.2.weight", TensorData.filled(new long[] {4L * nf, nf, 3, 3}, 0));
        return new RcanMapping().infer(new StateDict("", keys)).option("reduction", -1);
    }
}
