package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageException;
import org.classsr.image.ImageInfo;
import org.classsr.image.TiffBandWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe gives sizes from headers only: what no header-only reader sizes is refused, not decoded. */
class HeaderProbeTest {

    @TempDir
    Path dir;

    @Test
    void aBigTiffIsSizedFromItsHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FloatImage image = FloatImage.zeros(37, 23, 3);
        try (TiffBandWriter tiff = new TiffBandWriter(out, 37, 23, 3, 8, 0, 500)) { // 0: BigTIFF whatever the size
            tiff.accept(0, image);
        }
        byte[] bytes = out.toByteArray();
        assertEquals(new ImageInfo(37, 23, "tif"), ImageCodec.probe(bytes, "big.tif"));
        Path file = Files.write(dir.resolve("big.tif"), bytes);
        assertEquals(new ImageInfo(37, 23, "tif"), ImageCodec.probe(file));
    }

    @Test
    void contentNoHeaderReaderSizesIsRefusedEvenWhenTheDecoderCouldReadIt() throws IOException {
        // A binary PPM: OpenCV decodes it, but no header reader of ours sizes it, so probing it
        // would mean decoding it whole before any pixel limit.
        ByteArrayOutputStream ppm = new ByteArrayOutputStream();
        ppm.write("P6\n2 2\n255\n".getBytes(StandardCharsets.US_ASCII));
        ppm.write(new byte[12]);
        assertEquals(2, ImageCodec.decode(ppm.toByteArray(), "x.png").width(), "OpenCV decodes it");
        ImageException bytes = assertThrows(ImageException.class, () -> ImageCodec.probe(ppm.toByteArray(), "x.png"));
        assertTrue(bytes.getMessage().contains("not an image"), bytes.getMessage());
        Path file = Files.write(dir.resolve("x.png"), ppm.toByteArray());
        ImageException path = assertThrows(ImageException.class, () -> ImageCodec.probe(file));
        assertTrue(path.getMessage().contains("not an image"), path.getMessage());
    }
}
