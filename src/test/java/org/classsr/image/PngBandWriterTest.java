package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PngBandWriterTest {

    /** Rows y0 .. y0 + rows of a CHW image. */
    private static FloatImage rows(FloatImage image, int y0, int rows) {
        int w = image.width();
        int plane = w * image.height();
        float[] d = new float[image.channels() * w * rows];
        for (int c = 0; c < image.channels(); c++) {
            System.arraycopy(image.data(), c * plane + y0 * w, d, c * w * rows, w * rows);
        }
        return new FloatImage(w, rows, image.channels(), d);
    }

    private static float[] plane(FloatImage image, int c) {
        int n = image.width() * image.height();
        return Arrays.copyOfRange(image.data(), c * n, (c + 1) * n);
    }

    @ParameterizedTest(name = "{0} channels, {1} bits")
    @CsvSource({"3, 8", "1, 8", "4, 8", "3, 16", "2, 16"})
    void bandsOfAnyHeightComeBackExactlyWhateverFilterEachRowTakes(int channels, int bits) {
        // Noise and smooth ramps side by side, so the adaptive filter choice changes from row to row.
        int w = 67;
        int h = 45;
        int levels = bits == 16 ? 65535 : 255;
        FloatImage image = TestImages.randomOnGrid(w, h, channels, levels, channels * 100L + bits);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h / 2; y++) {
                for (int x = 0; x < w; x++) {
                    image.data()[(c * h + y) * w + x] = Math.round((x + y) * levels / (float) (w + h)) / (float) levels;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngBandWriter png = new PngBandWriter(out, w, h, channels, bits, 1);
        int[] heights = {1, 7, 16, 3, 18};
        int y = 0;
        for (int band : heights) {
            png.accept(y, rows(image, y, band));
            y += band;
        }
        png.close();
        assertEquals(h, y);

        DecodedImage back = ImageCodec.decode(out.toByteArray(), "bands.png");
        assertEquals(bits, back.bitDepth());
        boolean alpha = channels == 2 || channels == 4;
        int colour = alpha ? channels - 1 : channels;
        for (int c = 0; c < colour; c++) {
            // A grey PNG decodes to three equal planes.
            assertArrayEquals(plane(image, c), plane(back.color(), c), 0f, "channel " + c);
        }
        if (alpha) {
            assertArrayEquals(plane(image, channels - 1), plane(back.alpha(), 0), 0f, "alpha");
        } else {
            assertNull(back.alpha());
        }
    }

    @ParameterizedTest(name = "band at row {0}")
    @CsvSource({"1", "5"})
    void aBandOutOfOrderIsRefused(int y0) {
        PngBandWriter png = new PngBandWriter(new ByteArrayOutputStream(), 4, 8, 3, 8, 1);
        png.accept(0, new FloatImage(4, 2, 3, new float[24]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> png.accept(y0, new FloatImage(4, 2, 3, new float[24])));
        assertTrue(e.getMessage().contains("does not continue"), e.getMessage());
    }
}
