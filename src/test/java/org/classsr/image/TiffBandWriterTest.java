package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streamed TIFF, classic and BigTIFF: parsed by hand, decoded by OpenCV's libtiff and (classic) javax.imageio. */
class TiffBandWriterTest {

    private static final int W = 37;
    private static final int H = 23;
    private static final int[] BANDS = {5, 1, 11, 6};

    /** Samples in [0, 1] with some out of range and NaN, to check the codec's clamping and rounding. */
    private static FloatImage image(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        float[] d = new float[width * height * channels];
        for (int i = 0; i < d.length; i++) {
            int k = random.nextInt(50);
            d[i] = k == 0 ? Float.NaN : k == 1 ? -0.2f : k == 2 ? 1.3f : random.nextFloat();
        }
        return new FloatImage(width, height, channels, d);
    }

    private static FloatImage rows(FloatImage image, int y0, int count) {
        int w = image.width();
        int plane = image.planeSize();
        float[] d = new float[w * count * image.channels()];
        for (int c = 0; c < image.channels(); c++) {
            System.arraycopy(image.data(), c * plane + y0 * w, d, c * w * count, w * count);
        }
        return new FloatImage(w, count, image.channels(), d);
    }

    private static byte[] write(FloatImage image, int bitDepth, long classicLimit, int stripBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TiffBandWriter tiff = new TiffBandWriter(out, image.width(), image.height(), image.channels(), bitDepth,
                classicLimit, stripBytes)) {
            int y = 0;
            for (int b = 0; y < image.height(); b++) {
                int n = Math.min(BANDS[b % BANDS.length], image.height() - y);
                tiff.accept(y, rows(image, y, n));
                y += n;
            }
        }
        return out.toByteArray();
    }

    /**
     * Every sample decoded by OpenCV equals the level the writer was meant to store, except that
     * OpenCV reads 8-bit TIFFs through libtiff's TIFFReadRGBAStrip, which premultiplies colour by
     * unassociated alpha ((v * a + 127) / 255); 16-bit strips are read raw. The file itself holds
     * straight colour: {@link Parsed#assertSamples} checks the stored bytes.
     */
    private static void assertDecodesTo(FloatImage image, int bitDepth, byte[] bytes) {
        DecodedImage decoded = ImageCodec.decode(bytes, "x.tif");
        int max = bitDepth == 16 ? 65535 : 255;
        int colour = image.channels() == 1 ? 1 : 3;
        assertEquals(image.width(), decoded.width());
        assertEquals(image.height(), decoded.height());
        assertEquals(bitDepth, decoded.bitDepth());
        assertEquals(colour, decoded.color().channels());
        assertEquals(image.channels() == 4, decoded.hasAlpha());
        int plane = image.planeSize();
        for (int c = 0; c < image.channels(); c++) {
            float[] got = c < colour ? decoded.color().data() : decoded.alpha().data();
            int from = c < colour ? c * plane : 0;
            for (int p = 0; p < plane; p++) {
                int want = Levels.level(image.data()[c * plane + p], max);
                if (image.channels() == 4 && c < 3 && bitDepth == 8) {
                    want = (want * Levels.level(image.data()[3 * plane + p], max) + 127) / 255;
                }
                int level = Math.round(got[from + p] * max);
                if (want != level) {
                    throw new AssertionError("channel " + c + " pixel " + p + ": " + level + " read, " + want + " written");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} channels, {1}-bit, strips of {2} bytes")
    @CsvSource({"1, 8, 262144", "3, 8, 262144", "4, 8, 262144", "1, 16, 262144", "3, 16, 262144", "4, 16, 262144",
            "3, 8, 300", "4, 16, 1000", "3, 16, 10"})
    void classicTiffDecodesToTheExactLevels(int channels, int bitDepth, int stripBytes) throws IOException {
        FloatImage image = image(W, H, channels, 31L * channels + bitDepth);
        byte[] bytes = write(image, bitDepth, TiffBandWriter.CLASSIC_LIMIT, stripBytes);
        assertEquals(42, bytes[2]);
        Parsed tiff = Parsed.of(bytes);
        assertFalse(tiff.big);
        assertEquals(bytes.length, TiffBandWriter.fileSize(W, H, channels, bitDepth,
                (int) tiff.value(278), false));
        tiff.checkStructure(W, H, channels, bitDepth, bytes.length);
        tiff.assertSamples(image, bitDepth, bytes);
        assertDecodesTo(image, bitDepth, bytes);
        assertImageIoReads(image, bitDepth, bytes);
    }

    /** A second reader: the JDK's TIFF plugin (classic TIFF only) sees the same straight samples. */
    private static void assertImageIoReads(FloatImage image, int bitDepth, byte[] bytes) throws IOException {
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(read, "javax.imageio reads it");
        assertEquals(image.channels() == 4, read.getColorModel().hasAlpha());
        assertFalse(read.getColorModel().isAlphaPremultiplied());
        Raster raster = read.getRaster();
        assertEquals(image.channels(), raster.getNumBands());
        int max = bitDepth == 16 ? 65535 : 255;
        int w = image.width();
        for (int c = 0; c < image.channels(); c++) {
            for (int p = 0; p < image.planeSize(); p++) {
                assertEquals(Levels.level(image.data()[c * image.planeSize() + p], max),
                        raster.getSample(p % w, p / w, c), "channel " + c + " pixel " + p);
            }
        }
    }

    @ParameterizedTest(name = "{0} channels, {1}-bit")
    @CsvSource({"1, 8", "3, 8", "4, 8", "3, 16", "4, 16"})
    void bigTiffIsWrittenOverTheLimitAndDecodesIdentically(int channels, int bitDepth) throws IOException {
        FloatImage image = image(W, H, channels, 7L * channels + bitDepth);
        byte[] bytes = write(image, bitDepth, 0, 500);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals('I', b.get(0));
        assertEquals('I', b.get(1));
        assertEquals(43, b.getShort(2)); // BigTIFF
        assertEquals(8, b.getShort(4)); // offset size
        assertEquals(0, b.getShort(6));
        assertEquals(16, b.getLong(8)); // first IFD right after the header
        Parsed tiff = Parsed.of(bytes);
        assertTrue(tiff.big);
        assertEquals(16, tiff.types.get(273)); // LONG8 strip offsets
        assertEquals(16, tiff.types.get(279)); // LONG8 strip byte counts
        tiff.checkStructure(W, H, channels, bitDepth, bytes.length);
        tiff.assertSamples(image, bitDepth, bytes);
        assertDecodesTo(image, bitDepth, bytes); // OpenCV 4.9's libtiff reads BigTIFF
        byte[] classic = write(image, bitDepth, TiffBandWriter.CLASSIC_LIMIT, 500);
        assertArrayEquals(Arrays.copyOfRange(classic, classic.length - W * H * channels * bitDepth / 8, classic.length),
                Arrays.copyOfRange(bytes, bytes.length - W * H * channels * bitDepth / 8, bytes.length),
                "the same pixel data after either header");
    }

    @Test
    void onlyFilesOverFourGibibytesAreBigTiff() {
        assertFalse(TiffBandWriter.needsBigTiff(30720, 17280, 3, 8)); // 8K input at x4: 1.6 GB
        assertFalse(TiffBandWriter.needsBigTiff(30720, 17280, 3, 16)); // 3.2 GB
        assertFalse(TiffBandWriter.needsBigTiff(30720, 17280, 4, 16)); // 4.25 GB, just under 4 GiB
        assertTrue(TiffBandWriter.needsBigTiff(40000, 40000, 3, 8));
        // 4 GiB less one 64 KiB row, plus 128 KiB of strip tables: over; four rows fewer: under.
        assertTrue(TiffBandWriter.needsBigTiff(65536, 65535, 1, 8));
        assertFalse(TiffBandWriter.needsBigTiff(65536, 65532, 1, 8));
    }

    @Test
    void bandsMustContinueTheImageExactly() throws IOException {
        TiffBandWriter tiff = new TiffBandWriter(new ByteArrayOutputStream(), W, H, 3, 8);
        FloatImage image = image(W, H, 3, 1);
        tiff.accept(0, rows(image, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> tiff.accept(5, rows(image, 5, 2)), "skips a row");
        assertThrows(IllegalArgumentException.class, () -> tiff.accept(0, rows(image, 0, 2)), "repeats rows");
        assertThrows(IllegalArgumentException.class, () -> tiff.accept(4, image(W - 1, 2, 3, 2)), "narrower");
        assertThrows(IllegalArgumentException.class, () -> tiff.accept(4, image(W, 2, 1, 2)), "grey in RGB");
        assertThrows(IllegalArgumentException.class, () -> tiff.accept(4, image(W, H, 3, 2)), "past the bottom");
        tiff.accept(4, rows(image, 4, 10));
        IllegalStateException early = assertThrows(IllegalStateException.class, tiff::close);
        assertTrue(early.getMessage().contains("14 of 23 rows"), early.getMessage());
        tiff.accept(14, rows(image, 14, 9));
        tiff.close();
    }

    @Test
    void closeFlushesButLeavesTheStreamOpen() throws IOException {
        boolean[] state = new boolean[2];
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                state[0] = true;
            }

            @Override
            public void close() {
                state[1] = true;
            }
        };
        TiffBandWriter tiff = new TiffBandWriter(sink, 3, 2, 1, 8);
        tiff.accept(0, image(3, 2, 1, 3));
        tiff.close();
        assertTrue(state[0], "flushed");
        assertFalse(state[1], "closed: its owner commits it");
    }

    @Test
    void unsupportedLayoutsAreRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> new TiffBandWriter(out, W, H, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> new TiffBandWriter(out, W, H, 3, 12));
        assertThrows(IllegalArgumentException.class, () -> new TiffBandWriter(out, 0, H, 3, 8));
        assertEquals(0, out.size());
    }

    /** The one IFD of a little-endian TIFF or BigTIFF, read by hand. */
    private record Parsed(boolean big, TreeMap<Integer, long[]> values, TreeMap<Integer, Integer> types,
            int[] order) {

        static Parsed of(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals('I', b.get(0));
            assertEquals('I', b.get(1));
            boolean big = b.getShort(2) == 43;
            long ifd = big ? b.getLong(8) : b.getInt(4) & 0xFFFFFFFFL;
            assertEquals(0, ifd % 2, "word-aligned IFD");
            int n = (int) (big ? b.getLong((int) ifd) : b.getShort((int) ifd) & 0xFFFF);
            int entry = (int) ifd + (big ? 8 : 2);
            int size = big ? 20 : 12;
            int inline = big ? 8 : 4;
            TreeMap<Integer, long[]> values = new TreeMap<>();
            TreeMap<Integer, Integer> types = new TreeMap<>();
            int[] order = new int[n];
            for (int i = 0; i < n; i++, entry += size) {
                int tag = b.getShort(entry) & 0xFFFF;
                int type = b.getShort(entry + 2);
                long count = big ? b.getLong(entry + 4) : b.getInt(entry + 4) & 0xFFFFFFFFL;
                int width = switch (type) {
                    case 3 -> 2;
                    case 4 -> 4;
                    case 5 -> 8;
                    case 16 -> 8;
                    default -> throw new AssertionError("unexpected type " + type + " of tag " + tag);
                };
                int at = entry + (big ? 12 : 8);
                if (count * width > inline) {
                    long offset = big ? b.getLong(at) : b.getInt(at) & 0xFFFFFFFFL;
                    assertEquals(0, offset % 2, "word-aligned value of tag " + tag);
                    at = (int) offset;
                }
                long[] v = new long[(int) (type == 5 ? 2 * count : count)];
                for (int k = 0; k < v.length; k++) {
                    v[k] = switch (type) {
                        case 3 -> b.getShort(at + 2 * k) & 0xFFFF;
                        case 4, 5 -> b.getInt(at + 4 * k) & 0xFFFFFFFFL;
                        default -> b.getLong(at + 8 * k);
                    };
                }
                values.put(tag, v);
                types.put(tag, type);
                order[i] = tag;
            }
            long next = big ? b.getLong(entry) : b.getInt(entry);
            assertEquals(0, next, "one IFD");
            return new Parsed(big, values, types, order);
        }

        long value(int tag) {
            long[] v = values.get(tag);
            assertNotNull(v, "tag " + tag);
            assertEquals(1, v.length, "one value of tag " + tag);
            return v[0];
        }

        /** The stored samples, strip by strip, are the levels of the image (little-endian, chunky). */
        void assertSamples(FloatImage image, int bitDepth, byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int max = bitDepth == 16 ? 65535 : 255;
            int n = image.channels();
            int plane = image.planeSize();
            long[] offsets = values.get(273);
            long[] counts = values.get(279);
            int p = 0;
            for (int s = 0; s < offsets.length; s++) {
                int at = (int) offsets[s];
                for (int end = at + (int) counts[s]; at < end; p++) {
                    for (int c = 0; c < n; c++) {
                        int got = bitDepth == 16 ? b.getShort(at) & 0xFFFF : b.get(at) & 0xFF;
                        at += bitDepth / 8;
                        assertEquals(Levels.level(image.data()[c * plane + p], max), got, "channel " + c + " pixel " + p);
                    }
                }
            }
            assertEquals(plane, p, "every pixel stored");
        }

        void checkStructure(int width, int height, int channels, int bitDepth, long length) {
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, order, "tags in ascending order");
            assertEquals(width, value(256));
            assertEquals(height, value(257));
            long[] depth = new long[channels];
            Arrays.fill(depth, bitDepth);
            assertArrayEquals(depth, values.get(258));
            assertEquals(1, value(259), "uncompressed");
            assertEquals(channels == 1 ? 1 : 2, value(262));
            assertEquals(channels, value(277));
            assertArrayEquals(new long[] {72, 1}, values.get(282));
            assertArrayEquals(new long[] {72, 1}, values.get(283));
            assertEquals(1, value(284), "chunky");
            assertEquals(2, value(296));
            if (channels == 4) {
                assertEquals(2, value(338), "unassociated alpha");
            } else {
                assertNull(values.get(338));
            }
            long[] unsigned = new long[channels];
            Arrays.fill(unsigned, 1);
            assertArrayEquals(unsigned, values.get(339));
            long rowsPerStrip = value(278);
            long rowBytes = (long) width * channels * bitDepth / 8;
            long[] offsets = values.get(273);
            long[] counts = values.get(279);
            assertEquals((height + rowsPerStrip - 1) / rowsPerStrip, offsets.length);
            assertEquals(offsets.length, counts.length);
            long at = offsets[0];
            for (int s = 0; s < offsets.length; s++) {
                assertEquals(at, offsets[s], "strips are contiguous");
                assertEquals(rowBytes * Math.min(rowsPerStrip, height - s * rowsPerStrip), counts[s]);
                at += counts[s];
            }
            assertEquals(length, at, "the last strip ends the file");
            assertEquals(length - rowBytes * height, offsets[0]);
        }
    }
}
