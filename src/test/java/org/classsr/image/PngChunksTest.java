package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngChunksTest {

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = PngChunksTest.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Chunk types in file order. */
    private static List<String> types(byte[] png) {
        List<String> out = new ArrayList<>();
        for (int at = 8; at + 12 <= png.length; ) {
            int length = (png[at] & 0xFF) << 24 | (png[at + 1] & 0xFF) << 16 | (png[at + 2] & 0xFF) << 8 | (png[at + 3] & 0xFF);
            out.add(new String(png, at + 4, 4, StandardCharsets.US_ASCII));
            at += 12 + length;
        }
        return out;
    }

    @Test
    void dropsOnlyTheIccpChunk() throws IOException {
        byte[] png = sample("astronaut.png"); // carries the sRGB profile libpng complains about
        List<String> before = types(png);
        byte[] stripped = PngChunks.withoutIccp(png);

        List<String> expected = new ArrayList<>(before);
        expected.remove("iCCP");
        assertEquals(before.size() - 1, expected.size(), "the sample has an iCCP chunk: " + before);
        assertEquals(expected, types(stripped));
    }

    @Test
    void decodedSamplesAreThoseStoredInTheFile() throws IOException {
        byte[] png = sample("chelsea.png");
        // ImageIO's raster holds the stored samples (no colour management), read from the original bytes.
        Raster stored = ImageIO.read(new ByteArrayInputStream(png)).getRaster();
        FloatImage decoded = ImageCodec.decode(png, "chelsea.png").color();

        assertEquals(stored.getWidth(), decoded.width());
        assertEquals(stored.getHeight(), decoded.height());
        int plane = decoded.width() * decoded.height();
        for (int c = 0; c < 3; c++) {
            int[] want = stored.getSamples(0, 0, stored.getWidth(), stored.getHeight(), c, (int[]) null);
            for (int p = 0; p < plane; p++) {
                assertEquals(want[p], Math.round(decoded.data()[c * plane + p] * 255), "channel " + c + " pixel " + p);
            }
        }
    }

    @Test
    void withoutAProfileOrWithABrokenChunkTheBytesAreUntouched() throws IOException {
        byte[] plain = sample("coffee.png");
        assertSame(plain, PngChunks.withoutIccp(plain));

        byte[] cut = Arrays.copyOf(sample("astronaut.png"), 40); // iCCP's length runs past the end
        assertSame(cut, PngChunks.withoutIccp(cut));
    }
}
