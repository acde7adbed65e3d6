package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.engine.ImageUpscaler;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.ModelCache;
import org.classsr.engine.ProgressListener;
import org.junit.jupiter.api.Test;

/** The job in Spark local mode (local[2]) against the one-JVM engine, with bad inputs and reruns. */
class DistributedUpscalerTest extends RandomModelSparkTest {

    private static JobRequest request(List<String> inputs, Path out, long maxPixels, boolean overwrite) {
        return new JobRequest(inputs, out.toString(), model, SparkTesting.engine(), maxPixels, "same", true, overwrite,
                null);
    }

    @Test
    void localModeEqualsTheOneJvmEngineAndCoversEveryPixel() throws IOException {
        Path in = dir.resolve("in");
        SparkTesting.copySample(SparkTesting.SAMPLES.get(0), in);
        SparkTesting.copySample(SparkTesting.SAMPLES.get(1), in.resolve("nested/deeper"));
        Path out = dir.resolve("out");
        StringWriter log = new StringWriter();
        JobReport report = DistributedUpscaler.run(spark, SparkTesting.local(), request(List.of(in.toString()), out,
                64_000_000L, false), new PrintWriter(log, true));

        assertEquals(2, report.imagesOk(), report.failures().toString());
        assertEquals(0, report.imagesFailed());
        for (int i = 0; i < 2; i++) {
            String name = SparkTesting.SAMPLES.get(i);
            Path input = i == 0 ? in.resolve(name) : in.resolve("nested/deeper").resolve(name);
            Path written = out.resolve(name);
            assertTrue(Files.isRegularFile(written), "missing " + written);
            int diff = SparkTesting.maxLevelDifference(model, input, Files.readAllBytes(written));
            assertTrue(diff <= 1, name + ": max difference " + diff + " grey levels");
            String stem = name.substring(0, name.length() - 4);
            DecodedImage map = ImageCodec.read(out.resolve(stem + "_classmap.png"));
            assertEquals(160, map.width());
        }
        assertEquals(2L * 6 * 5, report.summary().get("tiles")); // 160x120, tile 32 step 28: 6 x 5 tiles
        assertTrue(Files.readString(out.resolve(DistributedUpscaler.REPORT)).contains("\"output_megapixels_per_second\""));
        assertTrue(Files.readString(out.resolve(DistributedUpscaler.METRICS)).lines().count() == 3);
        // Shuffle and spill from Spark's task metrics: present, and HR tiles cross the shuffle compact.
        String json = Files.readString(out.resolve(DistributedUpscaler.REPORT));
        for (String key : List.of("shuffle_bytes_written", "shuffle_bytes_per_output_pixel", "spill_bytes")) {
            assertTrue(json.contains("\"" + key + "\""), key);
        }
        long shuffled = (Long) report.summary().get("shuffle_bytes_written");
        double perPixel = (Double) report.summary().get("shuffle_bytes_per_output_pixel");
        assertTrue(shuffled > 0, "a job with two images shuffles its tiles");
        assertEquals((double) shuffled / (2L * 640 * 480), perPixel, 1e-9);
        // The untrained test model's outputs are noise-like, so this job writes about 10 bytes per
        // output pixel; as floats it wrote over 20 (30 tiles of 12 KB LR + 192 KB HR per 640x480).
        // The 4-byte target holds for the shipped model on photos (README "Distributed job").
        assertTrue(perPixel < 12, "HR tiles should cross the shuffle compact, got " + perPixel + " bytes per pixel");
        assertTrue((Long) report.summary().get("spill_bytes") >= 0);
        assertTrue(report.table().contains("bytes per output pixel"), report.table());
        assertTrue(log.toString().contains("progress: tiles classified 60/60, super-resolved 60/60, images written 2/2"),
                log.toString());
        SparkTesting.assertNoTemporaries(out);
    }

    @Test
    void tiffOutputIsStreamedWithTheSamePixelsAsPng() throws IOException {
        Path in = dir.resolve("tif-in");
        SparkTesting.copySample(SparkTesting.SAMPLES.get(1), in);
        String stem = SparkTesting.SAMPLES.get(1).replace(".png", "");
        DecodedImage[] outputs = new DecodedImage[2];
        String[] formats = {"png", "tif"};
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("tif-out-" + formats[i]);
            JobRequest request = new JobRequest(List.of(in.toString()), out.toString(), model, SparkTesting.engine(),
                    64_000_000L, formats[i], false, false, null);
            JobReport report = DistributedUpscaler.run(spark, SparkTesting.local(), request, null);
            assertEquals(1, report.imagesOk(), report.failures().toString());
            byte[] bytes = Files.readAllBytes(out.resolve(stem + "." + formats[i]));
            outputs[i] = ImageCodec.decode(bytes, formats[i]);
            assertEquals(formats[i], outputs[i].format());
            SparkTesting.assertNoTemporaries(out);
        }
        assertEquals(640, outputs[1].width());
        assertEquals(480, outputs[1].height());
        assertArrayEquals(outputs[0].color().data(), outputs[1].color().data(), "TIFF and PNG pixels");
    }

    @Test
    void alphaIsKeptAsTheOneJvmEngineKeepsIt() throws IOException {
        DecodedImage rgb = ImageCodec.read(SparkTesting.copySample(SparkTesting.SAMPLES.get(0), dir.resolve("src")));
        int w = rgb.width();
        int h = rgb.height();
        float[] a = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * w + x] = (x < w / 2) ? x / (float) w : (y % 20 < 10 ? 1f : 0.25f); // a ramp and stripes
            }
        }
        DecodedImage rgba = new DecodedImage(rgb.color(), new FloatImage(w, h, 1, a), 8, "png");
        Path in = Files.createDirectories(dir.resolve("alpha-in"));
        ImageCodec.write(in.resolve("rgba.png"), rgba);
        Path out = dir.resolve("alpha-out");
        // An in-memory output limit far below this output: the alpha plane streams band by band
        // beside the colour (BicubicBands), so an RGBA output of any size is written, not refused.
        SparkJobSettings l = SparkTesting.local();
        SparkJobSettings tightMemory = new SparkJobSettings(l.master(), l.appName(), l.sparkConf(), l.tilesPerPartition(),
                l.imagePartitions(), l.pngCompression(), 1_000L, l.progressSeconds(), l.shipModel(), l.gpu());
        JobReport report = DistributedUpscaler.run(spark, tightMemory, request(List.of(in.toString()), out,
                64_000_000L, false), null);
        assertEquals(1, report.imagesOk(), report.failures().toString());

        DecodedImage got = ImageCodec.read(out.resolve("rgba.png"));
        DecodedImage want = ImageCodec.decode(ImageCodec.encode(new ImageUpscaler(new ClassSrEngine(
                ModelCache.get(model), SparkTesting.engine())).upscale(ImageCodec.read(in.resolve("rgba.png")), ProgressListener.NONE).image(),
                "png"), "png");
        assertTrue(got.hasAlpha(), "the output keeps its alpha plane");
        assertArrayEquals(want.alpha().data(), got.alpha().data(), "alpha: bicubic x4, as the engine does it");
        float max = 0;
        for (int i = 0; i < want.color().data().length; i++) {
            max = Math.max(max, Math.abs(want.color().data()[i] - got.color().data()[i]));
        }
        assertTrue(max <= 1.5f / 255, "colour within 1 level of the engine, got " + max * 255);
    }

    @Test
    void badInputsAreListedWithReasonsAndGoodOnesCompleteAndRerunsSkipCommittedOutputs() throws IOException {
        Path in = dir.resolve("mixed");
        Path good = SparkTesting.copySample(SparkTesting.SAMPLES.get(2), in);
        byte[] bytes = Files.readAllBytes(good);
        Files.write(in.resolve("truncated.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.writeString(in.resolve("notes.png"), "this is not an image");
        Files.write(in.resolve("empty.jpg"), new byte[0]);
        ImageCodec.write(in.resolve("huge.png"), DecodedImage.of(FloatImage.zeros(200, 150, 3)));
        Path out = dir.resolve("mixed-out");
        List<String> inputs = List.of(in.toString(), in.resolve("missing.png").toString());

        JobReport first = DistributedUpscaler.run(spark, SparkTesting.local(), request(inputs, out, 160 * 120, false), null);
        assertEquals(1, first.imagesOk());
        assertEquals(5, first.imagesFailed(), first.failures().toString());
        String failures = Files.readString(out.resolve(DistributedUpscaler.FAILURES));
        assertTrue(failures.startsWith("input\tstage\treason\n"), failures);
        assertTrue(failures.contains("truncated.png\tdecode\ttruncated PNG"), failures);
        assertTrue(failures.contains("notes.png\tprobe\tnot an image"), failures);
        assertTrue(failures.contains("empty.jpg\tprobe\tempty input"), failures);
        assertTrue(failures.contains("huge.png\tprobe\t200x150 = 30000 pixels is over the limit of 19200"), failures);
        assertTrue(failures.contains("missing.png\tlist\tnot found"), failures);
        Path written = out.resolve(good.getFileName());
        assertTrue(Files.isRegularFile(written));
        SparkTesting.assertNoTemporaries(out);

        FileTime before = Files.getLastModifiedTime(written);
        JobReport again = DistributedUpscaler.run(spark, SparkTesting.local(), request(inputs, out, 160 * 120, false), null);
        assertEquals(0, again.imagesOk());
        assertEquals(List.of(good.toUri().toString().replace("file:///", "file:/")), again.skipped());
        assertEquals(before, Files.getLastModifiedTime(written));

        // --overwrite must write the image again, not just count it: a stale file in its place is replaced.
        byte[] firstOutput = Files.readAllBytes(written);
        Files.writeString(written, "stale output of an older run");
        JobReport redo = DistributedUpscaler.run(spark, SparkTesting.local(), request(inputs, out, 160 * 120, true), null);
        assertEquals(1, redo.imagesOk());
        assertFalse(redo.summary().isEmpty());
        assertArrayEquals(firstOutput, Files.readAllBytes(written));
    }

    @Test
    void aSideOutputThatFailsFailsItsImageOnlyAndARerunCompletesItOnceFixed() throws IOException {
        Path in = dir.resolve("side-in");
        for (String name : SparkTesting.SAMPLES) {
            SparkTesting.copySample(name, in);
        }
        Path out = dir.resolve("side-out");
        String blocked = SparkTesting.SAMPLES.get(1).replace(".png", "");
        // A non-empty folder where one class map goes: that side output cannot be written.
        Files.createDirectories(out.resolve(blocked + "_classmap.png/keep"));
        // A temporary an earlier, crashed run left an hour ago.
        Path stale = out.resolve(HadoopFiles.TEMP_PREFIX + "local-1-0123-" + blocked + ".png");
        Files.writeString(stale, "half an image");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        JobReport first = DistributedUpscaler.run(spark, SparkTesting.local(), request(List.of(in.toString()), out,
                64_000_000L, false), null);

        assertEquals(2, first.imagesOk(), first.failures().toString());
        assertEquals(1, first.imagesFailed());
        String failures = Files.readString(out.resolve(DistributedUpscaler.FAILURES));
        assertTrue(failures.contains(blocked + ".png\tclass-map\t"), failures);
        assertFalse(Files.exists(out.resolve(blocked + ".png")), "committed although its class map failed");
        assertFalse(Files.exists(stale), "the crashed run's temporary is still there");
        SparkTesting.assertNoTemporaries(out);

        Files.delete(out.resolve(blocked + "_classmap.png/keep"));
        Files.delete(out.resolve(blocked + "_classmap.png"));
        JobReport rerun = DistributedUpscaler.run(spark, SparkTesting.local(), request(List.of(in.toString()), out,
                64_000_000L, false), null);
        assertEquals(1, rerun.imagesOk(), rerun.failures().toString());
        assertEquals(2, rerun.skipped().size());
        assertTrue(Files.isRegularFile(out.resolve(blocked + ".png")));
        assertTrue(Files.isRegularFile(out.resolve(blocked + "_classmap.png")));
    }

    @Test
    void anImageIsDoneOnlyWhenEveryRequestedOutputExists() throws IOException {
        Path in = dir.resolve("done-in");
        SparkTesting.copySample(SparkTesting.SAMPLES.get(0), in);
        Path out = dir.resolve("done-out");
        JobRequest noMap = new JobRequest(List.of(in.toString()), out.toString(), model, SparkTesting.engine(),
                64_000_000L, "same", false, false, null);
        assertEquals(1, DistributedUpscaler.run(spark, SparkTesting.local(), noMap, null).imagesOk());
        // Now with --class-map: the output exists but its class map does not, so it is not done.
        JobReport withMap = DistributedUpscaler.run(spark, SparkTesting.local(), request(List.of(in.toString()), out,
                64_000_000L, false), null);
        assertEquals(1, withMap.imagesOk(), withMap.failures().toString());
        assertEquals(List.of(), withMap.skipped());
        assertTrue(Files.isRegularFile(out.resolve(SparkTesting.SAMPLES.get(0).replace(".png", "_classmap.png"))));
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyWork() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-images"));
        Files.writeString(empty.resolve("readme.txt"), "no pictures here");
        Path out = dir.resolve("refused-out");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> DistributedUpscaler.run(
                spark, SparkTesting.local(), request(List.of(empty.toString()), out, 64_000_000L, false), null));
        assertTrue(none.getMessage().startsWith("no image files in file:" + empty), none.getMessage());

        Path twice = dir.resolve("twice");
        SparkTesting.copySample(SparkTesting.SAMPLES.get(0), twice.resolve("a"));
        SparkTesting.copySample(SparkTesting.SAMPLES.get(0), twice.resolve("b"));
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> DistributedUpscaler.run(
                spark, SparkTesting.local(), request(List.of(twice.toString()), out, 64_000_000L, false), null));
        assertTrue(clash.getMessage().contains("/a/" + SparkTesting.SAMPLES.get(0) + " and ")
                && clash.getMessage().contains("/b/" + SparkTesting.SAMPLES.get(0)), clash.getMessage());
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        IllegalArgumentException unwritable = assertThrows(IllegalArgumentException.class, () -> DistributedUpscaler.run(
                spark, SparkTesting.local(), request(List.of(twice.resolve("a").toString()), file.resolve("out"),
                        64_000_000L, false), null));
        assertTrue(unwritable.getMessage().contains("is not writable"), unwritable.getMessage());
    }
}
