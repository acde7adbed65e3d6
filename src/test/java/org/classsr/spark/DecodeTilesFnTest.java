package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeTilesFnTest {

    @TempDir
    Path dir;

    private List<TileRecord> decode(ImagePlan plan) {
        StageSettings stage = new StageSettings(dir.toString(), null, SparkTesting.engine(), 32, 28, 4, 100_000_000L, 6,
                100_000_000L, null);
        List<TileRecord> out = new ArrayList<>();
        new DecodeTilesFn(stage).call(plan).forEachRemaining(out::add);
        return out;
    }

    @Test
    void anImageWhoseDecodedSizeIsNotItsHeadersFailsBeforeAnyTile() throws IOException {
        Path input = SparkTesting.copySample(SparkTesting.SAMPLES.get(0), dir); // 160x120
        String uri = input.toUri().toString();
        assertEquals(30, decode(new ImagePlan(0, uri, "a", "out/a.png", null, 160, 120, "png")).size());

        // Planned (probed) at another size, as when the file was replaced between probe and decode.
        List<TileRecord> out = decode(new ImagePlan(0, uri, "a", "out/a.png", null, 100, 120, "png"));
        assertEquals(1, out.size());
        assertEquals("decode: decoded 160x120, but the header said 100x120 (changed since the probe?)",
                out.get(0).error());
    }
}
