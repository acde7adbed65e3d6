package org.classsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

class ImageCodecTest {

    @TempDir
    Path dir;

    private Path write(String name, DecodedImage image) {
        Path path = dir.resolve(name);
        ImageCodec.write(path, image);
        return path;
    }

    private static void assertFailsNaming(Executable call, String name, String reason) {
        ImageException e = assertThrows(ImageException.class, call);
        assertTrue(e.getMessage().contains(name), "names the input: " + e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains(reason), "says '" + reason + "': " + e.getMessage());
    }

    @Test
    void rgbPngRoundTripIsExact() {
        FloatImage rgb = TestImages.randomOnGrid(17, 11, 3, 255, 1);
        DecodedImage back = ImageCodec.read(write("a.png", DecodedImage.of(rgb)));
        assertEquals(rgb, back.color());
        assertNull(back.alpha());
        assertEquals(8, back.bitDepth());
        assertEquals("png", back.format());
    }

    @Test
    void decodeConvertsOpenCvBgrToRgb() {
        OpenCvLoader.ensureLoaded();
        Mat bgr = new Mat(1, 1, CvType.CV_8UC3);
        bgr.put(0, 0, new byte[] {10, 20, (byte) 200}); // B, G, R
        MatOfByte png = new MatOfByte();
        Imgcodecs.imencode(".png", bgr, png);
        DecodedImage img = ImageCodec.decode(png.toArray(), "pixel.png");
        assertArrayEquals(new float[] {200 / 255f, 20 / 255f, 10 / 255f}, img.color().data());
    }

    @Test
    void jpegDecodesCloseToTheOriginal() {
        FloatImage rgb = TestImages.gradient(48, 32);
        DecodedImage back = ImageCodec.read(write("photo.jpeg", DecodedImage.of(rgb)));
        assertEquals("jpg", back.format());
        assertEquals(3, back.color().channels());
        assertEquals(48, back.width());
        assertTrue(TestImages.meanAbsDiff(rgb, back.color()) < 0.01);
    }

    @Test
    void greyPngStaysOneChannel() {
        FloatImage grey = TestImages.randomOnGrid(9, 6, 1, 255, 2);
        DecodedImage back = ImageCodec.read(write("grey.png", DecodedImage.of(grey)));
        assertEquals(1, back.color().channels());
        assertEquals(grey, back.color());
    }

    @Test
    void alphaIsSeparatedAndReattachedWhereTheFormatAllows() {
        FloatImage rgb = TestImages.randomOnGrid(8, 5, 3, 255, 3);
        // No fully transparent pixel: lossless WebP may rewrite the colour under alpha 0.
        FloatImage alpha = TestImages.randomOnGrid(8, 5, 1, 255, 4);
        for (int i = 0; i < alpha.data().length; i++) {
            alpha.data()[i] = Math.max(alpha.data()[i], 1 / 255f);
        }
        DecodedImage rgba = new DecodedImage(rgb, alpha, 8, "png");
        for (String name : List.of("rgba.png", "rgba.tif", "rgba.webp")) {
            DecodedImage back = ImageCodec.read(write(name, rgba));
            assertEquals(rgb, back.color(), name);
            assertEquals(alpha, back.alpha(), name);
        }
        // Re-encoding what we read keeps the alpha too.
        DecodedImage again = ImageCodec.decode(ImageCodec.encode(ImageCodec.read(dir.resolve("rgba.png")), "png"), "x");
        assertEquals(alpha, again.alpha());
        assertFalse(ImageCodec.read(write("flat.jpg", rgba)).hasAlpha(), "JPEG drops alpha");
        assertFalse(ImageCodec.read(write("flat.bmp", rgba)).hasAlpha(), "BMP drops alpha");
        DecodedImage greyAlpha = new DecodedImage(TestImages.randomOnGrid(8, 5, 1, 255, 5), alpha, 8, "png");
        DecodedImage greyBack = ImageCodec.read(write("ga.png", greyAlpha));
        assertEquals(alpha, greyBack.alpha(), "grey + alpha survives (written as BGRA)");
        assertEquals(greyAlpha.color(), greyBack.color().channel(0));
    }

    @Test
    void sixteenBitKeepsItsPrecisionInPngAndTiff() {
        FloatImage deep = TestImages.randomOnGrid(10, 7, 3, 65535, 6);
        for (String name : List.of("deep.png", "deep.tiff")) {
            DecodedImage back = ImageCodec.read(write(name, new DecodedImage(deep, null, 16, "png")));
            assertEquals(16, back.bitDepth(), name);
            assertEquals(deep, back.color(), name);
        }
        DecodedImage jpg = ImageCodec.read(write("deep.jpg", new DecodedImage(deep, null, 16, "png")));
        assertEquals(8, jpg.bitDepth(), "JPEG falls back to 8 bit");
        FloatImage greyDeep = TestImages.randomOnGrid(5, 5, 1, 65535, 7);
        DecodedImage grey = ImageCodec.read(write("g16.png", new DecodedImage(greyDeep, null, 16, "png")));
        assertEquals(greyDeep, grey.color());
    }

    @Test
    void tiffBmpAndWebpDecode() {
        FloatImage rgb = TestImages.randomOnGrid(12, 9, 3, 255, 8);
        for (String name : List.of("x.tif", "x.bmp", "x.webp")) {
            DecodedImage back = ImageCodec.read(write(name, DecodedImage.of(rgb)));
            assertEquals(rgb, back.color(), name + " is lossless here");
            assertEquals(name.substring(2), back.format());
        }
    }

    @Test
    void errorsNameTheFileAndTheReason() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertFailsNaming(() -> ImageCodec.read(missing), "missing.png", "not found");
        assertFailsNaming(() -> ImageCodec.probe(missing), "missing.png", "not found");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertFailsNaming(() -> ImageCodec.read(empty), "empty.png", "empty");
        assertFailsNaming(() -> ImageCodec.probe(empty), "empty.png", "empty");
        Path garbage = Files.writeString(dir.resolve("garbage.jpg"), "this is not an image at all, just text\n");
        assertFailsNaming(() -> ImageCodec.read(garbage), "garbage.jpg", "not an image");
        assertFailsNaming(() -> ImageCodec.probe(garbage), "garbage.jpg", "not an image");
        assertFailsNaming(() -> ImageCodec.read(dir), dir.toString(), "not a regular file");

        BufferedImage small = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Path gif = dir.resolve("anim.gif");
        ImageIO.write(small, "gif", gif.toFile());
        assertFailsNaming(() -> ImageCodec.read(gif), "anim.gif", "unsupported format");
        assertEquals(new ImageInfo(4, 4, "gif"), ImageCodec.probe(gif), "GIF can still be sized");

        assertFailsNaming(() -> ImageCodec.decode(new byte[0], "s3a://bucket/key.png"), "s3a://bucket/key.png", "empty");
        assertFailsNaming(() -> ImageCodec.encode(DecodedImage.of(TestImages.random(2, 2, 3, 1)), "xyz"),
                "xyz", "unsupported output format");
    }

    @Test
    void truncatedPngAndJpegAreDetected() throws IOException {
        FloatImage rgb = TestImages.random(64, 48, 3, 9);
        for (String name : List.of("cut.png", "cut.jpg")) {
            byte[] whole = ImageCodec.encode(DecodedImage.of(rgb), name.substring(4));
            Path cut = Files.write(dir.resolve(name), Arrays.copyOf(whole, whole.length / 2));
            assertFailsNaming(() -> ImageCodec.read(cut), name, "truncated");
            // The header is intact, so the size can still be read without decoding.
            assertEquals(new ImageInfo(64, 48, name.substring(4)), ImageCodec.probe(cut));
        }
        // A PNG cut exactly between chunks (IEND missing) is caught as well.
        byte[] png = ImageCodec.encode(DecodedImage.of(rgb), "png");
        Path noEnd = Files.write(dir.resolve("noend.png"), Arrays.copyOf(png, png.length - 12));
        assertFailsNaming(() -> ImageCodec.read(noEnd), "noend.png", "truncated png (no iend");
    }

    @Test
    void jpegWithTrailingZeroPaddingStillDecodes() {
        byte[] jpg = ImageCodec.encode(DecodedImage.of(TestImages.gradient(16, 16)), "jpg");
        byte[] padded = Arrays.copyOf(jpg, jpg.length + 100);
        assertEquals(16, ImageCodec.decode(padded, "padded.jpg").width());
    }

    @Test
    void probeReadsTheHeaderOnly() throws IOException {
        FloatImage rgb = TestImages.gradient(37, 23);
        for (String format : List.of("png", "jpg", "bmp", "tif", "webp")) {
            byte[] bytes = ImageCodec.encode(DecodedImage.of(rgb), format);
            assertEquals(new ImageInfo(37, 23, format), ImageCodec.probe(bytes, "b." + format));
            Path file = Files.write(dir.resolve("p." + format), bytes);
            assertEquals(new ImageInfo(37, 23, format), ImageCodec.probe(file));
        }
        // Every WebP header form: lossless (VP8L, from encode), lossy (VP8) and lossy with alpha (VP8X).
        OpenCvLoader.ensureLoaded();
        for (int channels : new int[] {3, 4}) {
            Mat mat = new Mat(23, 37, CvType.CV_8UC(channels));
            MatOfByte buf = new MatOfByte();
            Imgcodecs.imencode(".webp", mat, buf, new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, 80));
            byte[] bytes = buf.toArray();
            String chunk = new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(channels == 3 ? "VP8 " : "VP8X", chunk);
            assertEquals(new ImageInfo(37, 23, "webp"), ImageCodec.probe(bytes, "lossy.webp"));
        }
        // A huge announced size is reported, not decoded: forge a PNG header of 100000 x 100000.
        byte[] png = ImageCodec.encode(DecodedImage.of(rgb), "png");
        byte[] forged = Arrays.copyOf(png, 64);
        putInt(forged, 16, 100_000);
        putInt(forged, 20, 100_000);
        ImageInfo huge = ImageCodec.probe(forged, "huge.png");
        assertEquals(10_000_000_000L, huge.pixels());
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out/result.png");
        FloatImage first = TestImages.randomOnGrid(6, 6, 3, 255, 10);
        FloatImage second = TestImages.randomOnGrid(6, 6, 3, 255, 11);
        ImageCodec.write(target, DecodedImage.of(first));
        ImageCodec.write(target, DecodedImage.of(second)); // replaces
        assertEquals(second, ImageCodec.read(target).color());
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target),
                    "the result gets ordinary permissions, not a temp file's owner-only ones");
        }
        Path bad = dir.resolve("out/result.xyz");
        assertFailsNaming(() -> ImageCodec.write(bad, DecodedImage.of(first)), "result.xyz", "unsupported");
        assertFailsNaming(() -> ImageCodec.write(dir.resolve("noext"), DecodedImage.of(first)), "noext", "extension");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "a failed write leaves nothing behind");
        }
    }

    @Test
    void loaderIsIdempotentAcrossThreads() throws Exception {
        // Threads released together, each using the natives right after asking for them; a
        // failure in any thread (say an UnsatisfiedLinkError from a flag set before the load)
        // comes back through its Future and fails the test.
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<FloatImage>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                FloatImage image = TestImages.randomOnGrid(3 + i, 2, 1, 255, i);
                results.add(pool.submit(() -> {
                    start.await();
                    OpenCvLoader.ensureLoaded();
                    return ImageCodec.decode(ImageCodec.encode(DecodedImage.of(image), "png"), "t.png").color();
                }));
            }
            start.countDown();
            for (int i = 0; i < threads; i++) {
                FloatImage back = results.get(i).get(1, TimeUnit.MINUTES); // rethrows the thread's failure
                assertEquals(TestImages.randomOnGrid(3 + i, 2, 1, 255, i), back, "thread " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
