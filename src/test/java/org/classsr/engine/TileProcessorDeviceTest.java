package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import org.classsr.model.ClassSrModel;
import org.classsr.model.LazyNetwork;
import org.classsr.model.ModelLoader;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device a {@link TileProcessor} is given is where its networks load (a Spark task passes its
 * GPU). This machine has only a CPU, so the named device is {@code Device.cpu()}: what is checked
 * is that the named device, not DJL's default, reaches the loader.
 */
class TileProcessorDeviceTest {

    @TempDir
    Path dir;

    @Test
    void networksLoadOnTheDeviceTheProcessorIsGiven() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 61);
        try (ClassSrModel model = ModelLoader.open(folder);
                TileProcessor stages = new TileProcessor(model, EngineSettings.defaults(), Device.cpu())) {
            float[] tiles = new float[2 * stages.tileLength()];
            stages.classify(tiles, 2);
            stages.superResolve(1, tiles, new int[] {0, 1});
            LazyNetwork branch = model.branches().get(1);
            assertTrue(branch.isLoadedOn(Device.cpu()), "the branch ran on the named device");
            assertFalse(branch.isLoadedOn(null), "and was not loaded on DJL's default device as well");
            assertTrue(model.classifier().isLoadedOn(Device.cpu()));
            assertEquals(Device.cpu(), branch.model(Device.cpu()).getNDManager().getDevice());
            assertFalse(model.branches().get(0).isLoaded(), "a branch no tile needed stays unloaded");
        }
    }

    @Test
    void aNetworkLoadsOncePerDevice() throws IOException {
        Path folder = TestModels.writeRandomPair(dir, 62);
        try (ClassSrModel model = ModelLoader.open(folder)) {
            LazyNetwork branch = model.branches().get(0);
            assertSame(branch.model(Device.cpu()), branch.model(Device.cpu()), "one copy per device");
            assertNotSame(branch.model(Device.cpu()), branch.model(), "the default device has its own copy");
            assertSame(branch.model(null), branch.model());
        }
    }
}
