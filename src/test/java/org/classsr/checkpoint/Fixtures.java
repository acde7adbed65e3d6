package org.classsr.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed PyTorch fixtures (made by src/test/resources/checkpoints/make_fixtures.py). */
final class Fixtures {

    static final Path DIR = Path.of("src/test/resources/checkpoints");

    private Fixtures() {}

    static Path file(String name) {
        return DIR.resolve(name);
    }

    /** A raw little-endian float32 file. */
    static float[] floats(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
