package org.classsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsWhatWasWrittenWithCostsPerTile() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 7);
        try (ClassSrModel model = ModelLoader.load(folder)) {
            assertTrue(model.routed());
            assertEquals(3, model.branches().size());
            assertEquals(List.of("simple", "medium", "hard"), model.spec().classNames());
            assertEquals(dir.resolve("fsrcnn-o").normalize(), model.originalFolder());
            // Paper-convention FLOPs reproduce the published FSRCNN numbers per 32x32 tile.
            assertEquals(141.3e6, 2.0 * model.branches().get(0).macs().paper(), 0.5e6);
            assertEquals(304.6e6, 2.0 * model.branches().get(1).macs().paper(), 0.5e6);
            assertEquals(467.9e6, 2.0 * model.branches().get(2).macs().paper(), 0.5e6);
            assertEquals(3_801_184L, model.classifier().macs().executed());
            assertEquals(35_758_080L, model.branches().get(2).macs().executed());
        }
        try (ClassSrModel original = ModelLoader.load(dir.resolve("fsrcnn-o"))) {
            assertNull(original.classifier());
            assertEquals(1, original.branches().size());
        }
    }

    /** An imported transposed-conv tail executes 81 of the dense tail's 144 taps per phase pair. */
    @Test
    void aTransposedTailCostsItsRealTapsAndNeedsItsZeroTaps() throws IOException {
        NetworkSpec imported = new NetworkSpec(NetworkRegistry.FSRCNN,
                Map.of("channels", 56, "shrink", 12, "mapping", 4, NetworkRegistry.TRANSPOSED_TAIL, 1));
        ModelSpec spec = TestModels.originalSpec("fsrcnn-imported", imported);
        Path good = TestModels.write(dir.resolve("good"), spec, 3, blocks -> {
            java.util.Random rng = new java.util.Random(3);
            float[] deconv = new float[56 * 3 * 81];
            for (int i = 0; i < deconv.length; i++) {
                deconv[i] = rng.nextFloat() - 0.5f;
            }
            var sub = org.classsr.nn.SubPixelConverter.convert(deconv, new long[] {56, 3, 9, 9}, new float[3]);
            org.classsr.nn.BlockParameters.parameters(blocks.get("original")).get("15Conv2d_weight").getArray()
                    .set(sub.weight());
        });
        try (ClassSrModel model = ModelLoader.load(good)) {
            LazyNetwork net = model.branches().get(0);
            assertEquals(35_758_080L - 32L * 32 * 56 * 3 * (144 - 81), net.macs().executed());
            assertEquals(467.9e6, 2.0 * net.macs().paper(), 0.5e6);
            assertNotNull(net.model());
        }
        Path trained = TestModels.write(dir.resolve("trained"), spec, 3, blocks -> { }); // every tap random
        ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(trained));
        assertTrue(e.getMessage().contains("transposed-tail = 0"), e.getMessage());
    }

    @Test
    void openReadsNoWeightsAndKnowsEveryCost() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 8);
        try (ClassSrModel lazy = ModelLoader.open(folder)) {
            assertTrue(lazy.networks().stream().noneMatch(LazyNetwork::isLoaded), "open loads nothing");
            // The costs come from the architecture alone, and are the ones loading would give.
            assertEquals(3_801_184L, lazy.classifier().macs().executed());
            assertEquals(35_758_080L, lazy.branches().get(2).macs().executed());
            assertEquals(467.9e6, 2.0 * lazy.branches().get(2).macs().paper(), 0.5e6);
            assertTrue(lazy.networks().stream().noneMatch(LazyNetwork::isLoaded), "costs load nothing");

            assertNotNull(lazy.branches().get(1).model());
            assertEquals(List.of(false, false, true, false),
                    lazy.networks().stream().map(LazyNetwork::isLoaded).toList(), "only the network used is loaded");
        }
    }

    @Test
    void loadChecksEveryNetworkButKeepsNone() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 9);
        try (ClassSrModel model = ModelLoader.load(folder)) {
            assertTrue(model.networks().stream().noneMatch(LazyNetwork::isLoaded),
                    "checking weights must not leave them loaded");
        }
    }

    @Test
    void aLazyNetworkLoadsOnceForAllThreads() throws Exception {
        Path folder = TestModels.writeRandomPair(dir, 10);
        try (ClassSrModel model = ModelLoader.open(folder)) {
            LazyNetwork branch = model.branches().get(0);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Model>> got = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    got.add(pool.submit(() -> {
                        start.await();
                        return branch.model();
                    }));
                }
                start.countDown();
                Model first = got.get(0).get();
                for (Future<Model> f : got) {
                    assertSame(first, f.get(), "every thread shares the one loaded network");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void openDefersAChangedWeightFileToItsNetworkAndVerifyFindsIt() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 11);
        Files.write(folder.resolve("medium.safetensors"), new byte[] {1}, StandardOpenOption.APPEND);
        try (ClassSrModel model = ModelLoader.open(folder)) {
            assertNotNull(model.branches().get(0).model(), "an intact branch still loads");
            ModelException atUse = assertThrows(ModelException.class, () -> model.branches().get(1).model());
            assertTrue(atUse.getMessage().contains("medium.safetensors") && atUse.getMessage().contains("SHA-256 mismatch"),
                    atUse.getMessage());
            ModelException checked = assertThrows(ModelException.class, model::verify);
            assertEquals(atUse.getMessage(), checked.getMessage());
        }
    }

    @Test
    void aClosedNetworkRefusesUse() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 12);
        ClassSrModel model = ModelLoader.open(folder);
        model.branches().get(0).model();
        model.close();
        assertFalse(model.branches().get(0).isLoaded(), "close frees the weights");
        assertThrows(IllegalStateException.class, () -> model.branches().get(0).model());
    }

    @Test
    void specSurvivesRenderAndRead() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 1);
        ModelSpec spec = ModelSpec.read(folder);
        assertEquals(3, spec.branches().size());
        assertEquals(64, spec.classifier().weights().sha256().length());
        assertEquals(spec, ModelSpec.fromConfig(com.typesafe.config.ConfigFactory.parseString(spec.render())));
    }

    @Test
    void refusesAFolderWithoutWeightsNamingTheMissingFiles() throws IOException {
        TestModels.classSrSpec().write(dir);
        assertLoadRefused(dir, "no trained weights", "classifier.safetensors", "hard.safetensors");
    }

    @Test
    void detectsAChangedWeightFile() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 2);
        Files.write(folder.resolve("medium.safetensors"), new byte[] {1}, StandardOpenOption.APPEND);
        assertLoadRefused(folder, "medium.safetensors", "SHA-256 mismatch");
    }

    @Test
    void detectsWeightsOfTheWrongShapeNamingFileAndParameter() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 3);
        // Swap the medium branch's weights for the simple branch's (d=16 instead of 36), with a valid checksum.
        Files.copy(folder.resolve("simple.safetensors"), folder.resolve("medium.safetensors"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelSpec spec = ModelSpec.read(folder);
        spec.withChecksums(Map.of("medium", Sha256.of(folder.resolve("medium.safetensors")))).write(folder);
        assertLoadRefused(folder, "medium.safetensors", "01Conv2d_weight");
    }

    @Test
    void refusesGarbageWeightsAndUnknownArchitectures() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 4);
        Files.write(folder.resolve("hard.safetensors"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        ModelSpec.read(folder).withChecksums(Map.of("hard", Sha256.of(folder.resolve("hard.safetensors"))))
                .write(folder);
        assertLoadRefused(folder, "hard.safetensors");

        ModelException unknown = assertThrows(ModelException.class, () -> NetworkRegistry.factory("rcan-9000"));
        assertTrue(unknown.getMessage().contains("rcan-9000") && unknown.getMessage().contains("fsrcnn"));
    }

    @Test
    void missingModelConfIsNamed() {
        assertLoadRefused(dir.resolve("nope"), "model.conf");
    }

    /** Loading {@code folder} fails with a {@link ModelException} whose message names every one of {@code parts}. */
    private static void assertLoadRefused(Path folder, String... parts) {
        ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(folder));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void specValidation() {
        assertThrows(ModelException.class, () -> new ModelSpec("x", 4, 32, 40, List.of("a"), null,
                List.of(TestModels.branch("a", 16)), null, null, null));
        assertThrows(ModelException.class, () -> new ModelSpec("x", 4, 32, 28, List.of("a", "b"), null,
                List.of(TestModels.branch("a", 16), TestModels.branch("b", 16)), null, null, null));
        assertNotNull(new ModelSpec("x", 4, 32, 28, List.of("a"), null, List.of(TestModels.branch("a", 16)),
                null, null, null));
    }
}
