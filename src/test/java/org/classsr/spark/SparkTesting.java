package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.classsr.engine.ClassSrEngine;
import org.classsr.engine.EngineSettings;
import org.classsr.engine.ModelCache;
import org.classsr.engine.UpscaleResult;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.Quantize;

/** Shared test material: the sample crops, and the one-JVM engine's output to compare with. */
final class SparkTesting {

    static final List<String> SAMPLES = List.of("astronaut-crop-160x120.png", "chelsea-crop-160x120.png",
            "coffee-crop-160x120.png");

    private SparkTesting() {
    }

    static Path copySample(String name, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream in = SparkTesting.class.getResourceAsStream("/images/" + name)) {
            Path target = dir.resolve(name);
            Files.copy(in, target);
            return target;
        }
    }

    static EngineSettings engine() {
        return new EngineSettings(16, 64, 64, new double[] {0, 0, 0});
    }

    static SparkJobSettings local() {
        return new SparkJobSettings("local[2]", "classsr-test", java.util.Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "4",
                "spark.io.compression.codec", "zstd"), 16, 0, 1, 100_000_000L, 0, false, GpuSettings.disabled());
    }

    /** Largest difference, in grey levels, between the file the job wrote and the one-JVM engine's output. */
    static int maxLevelDifference(Path model, Path input, byte[] written) {
        DecodedImage lr = ImageCodec.read(input);
        UpscaleResult expected = new ClassSrEngine(ModelCache.get(model), engine()).upscale(lr.color());
        FloatImage want = Quantize.to8Bit(expected.image());
        FloatImage got = ImageCodec.decode(written, "spark output").color();
        assertEquals(want.width(), got.width(), "output width: every LR column x4");
        assertEquals(want.height(), got.height(), "output height: every LR row x4");
        assertEquals(want.channels(), got.channels());
        assertEquals(lr.width() * 4, got.width());
        int max = 0;
        for (int i = 0; i < want.data().length; i++) {
            max = Math.max(max, Math.round(Math.abs(want.data()[i] - got.data()[i]) * 255));
        }
        return max;
    }

    static void assertNoTemporaries(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            List<Path> temps = walk.filter(p -> p.getFileName().toString().startsWith(HadoopFiles.TEMP_PREFIX)).toList();
            assertTrue(temps.isEmpty(), "half-written temporaries left: " + temps);
        }
        try (var walk = Files.walk(dir)) {
            List<Path> crc = walk.filter(p -> p.getFileName().toString().endsWith(".crc")).toList();
            assertTrue(crc.isEmpty(), "Hadoop checksum side files left: " + crc);
        }
    }
}
