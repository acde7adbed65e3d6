package org.classsr.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointTest {

    @TempDir
    Path dir;

    private static Map<String, TensorData> tensors() {
        return TorchCheckpoint.read(Fixtures.file("tensors.pth")).stateDict();
    }

    @Test
    void stridedAndOffsetTensorsComeBackContiguous() {
        Map<String, TensorData> t = tensors();
        // arange(24).view(2, 3, 4).permute(2, 0, 1): element [i][j][k] = 12 j + 4 k + i
        TensorData p = t.get("permuted");
        assertArrayEquals(new long[] {4, 2, 3}, p.shape());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(12 * j + 4 * k + i, p.data()[(i * 2 + j) * 3 + k], "permuted[" + i + "][" + j + "][" + k + "]");
                }
            }
        }
        assertArrayEquals(new float[] {5, 6, 7, 8, 9, 10}, t.get("offset").data());
        assertArrayEquals(new long[] {2, 3}, t.get("offset").shape());
        assertArrayEquals(new float[] {0, 3, 6, 9, 10, 13, 16, 19, 20, 23, 26, 29, 30, 33, 36, 39},
                t.get("strided").data());
    }

    @Test
    void everyElementTypeBecomesFloat32() {
        Map<String, TensorData> t = tensors();
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 65504f, 0x1p-24f}, t.get("half").data());
        assertArrayEquals(new float[] {1f, -3f, 0.15625f}, t.get("bfloat16").data());
        assertArrayEquals(new float[] {0.1f, -1e-3f}, t.get("double").data());
        assertArrayEquals(new long[] {1, 2}, t.get("double").shape());
        assertArrayEquals(new float[] {3f, -4f}, t.get("long").data());
        assertArrayEquals(new long[0], t.get("scalar").shape());
        assertArrayEquals(new float[] {7.5f}, t.get("scalar").data());
    }

    @Test
    void halfPrecisionSpecialValues() {
        assertEquals(Float.POSITIVE_INFINITY, TorchCheckpoint.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(TorchCheckpoint.halfToFloat((short) 0x7e00)));
        assertEquals(-0.0f, TorchCheckpoint.halfToFloat((short) 0x8000));
        assertEquals(-0x1p-24f * 3, TorchCheckpoint.halfToFloat((short) 0x8003));
        assertEquals(0x1p-14f, TorchCheckpoint.halfToFloat((short) 0x0400)); // smallest normal
    }

    @Test
    void keysKeepTheSavedOrder() {
        List<String> keys = List.copyOf(TorchCheckpoint.read(Fixtures.file("srresnet.pth")).stateDict().keySet());
        assertEquals(List.of("conv_first.weight", "conv_first.bias", "recon_trunk.0.conv1.weight"), keys.subList(0, 3));
        assertEquals("conv_last.bias", keys.get(keys.size() - 1));
    }

    @Test
    void unwrapsParamsAndDropsTheDataParallelPrefix() {
        TorchCheckpoint cp = TorchCheckpoint.read(Fixtures.file("carn.pth"));
        assertEquals("params", cp.wrapperKey());
        assertTrue(cp.stateDict().containsKey("entry.weight"), cp.stateDict().keySet().toString());
        assertTrue(cp.stateDict().keySet().stream().noneMatch(k -> k.startsWith("module.")));
        assertEquals("", TorchCheckpoint.read(Fixtures.file("fsrcnn.pth")).wrapperKey());
    }

    @Test
    void refusesTheLegacyFormat() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> TorchCheckpoint.read(Fixtures.file("legacy.pth")));
        assertTrue(e.getMessage().contains("legacy format"), e.getMessage());
    }

    @Test
    void refusesTorchScript() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> TorchCheckpoint.read(Fixtures.file("torchscript.pt")));
        assertTrue(e.getMessage().startsWith("a TorchScript archive"), e.getMessage());
    }

    @Test
    void refusesATruncatedArchive() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("fsrcnn.pth"));
        Path cut = dir.resolve("cut.pth");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(cut));
        assertTrue(e.getMessage().startsWith("truncated or corrupt zip archive"), e.getMessage());
    }

    @Test
    void refusesFilesThatAreNotCheckpoints() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pth"), "not a checkpoint\n");
        assertTrue(assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(text)).getMessage()
                .startsWith("not a PyTorch checkpoint"));
        Path empty = Files.write(dir.resolve("empty.pth"), new byte[0]);
        assertTrue(assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(empty)).getMessage()
                .startsWith("empty file"));
        Path zip = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes());
            z.closeEntry();
        }
        assertTrue(assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(zip)).getMessage()
                .contains("without data.pkl"));
        assertEquals("no such file", assertThrows(CheckpointException.class,
                () -> TorchCheckpoint.read(dir.resolve("absent.pth"))).getMessage());
    }

    @Test
    void refusesAMissingStorage() throws IOException {
        // the archive is intact but one tensor's storage entry is gone
        Path copy = dir.resolve("gap.pth");
        try (var in = new java.util.zip.ZipFile(Fixtures.file("tensors.pth").toFile());
                OutputStream out = Files.newOutputStream(copy); ZipOutputStream z = new ZipOutputStream(out)) {
            for (var entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().endsWith("/data/0")) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    z.write(in.getInputStream(e).readAllBytes());
                    z.closeEntry();
                }
            }
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(copy));
        assertTrue(e.getMessage().contains("data/0 is missing"), e.getMessage());
    }
}
