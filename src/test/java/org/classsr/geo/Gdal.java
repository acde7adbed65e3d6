package org.classsr.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's gdal-bin, driven from tests: GDAL makes the GeoTIFF inputs and judges the outputs. CI
 * installs it (.ci/run), so a missing GDAL fails the tests that need it rather than skipping them.
 */
public final class Gdal {

    private Gdal() {
    }

    /** Runs a GDAL tool and returns its standard output; fails the test on a non-zero exit. */
    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " timed out");
            }
            assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + out);
            return out;
        } catch (IOException e) {
            return fail("GDAL is missing (" + command[0] + ": " + e.getMessage()
                    + "); install gdal-bin, as .ci/run does: apt-get install -y gdal-bin");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** {@code gdalinfo -json} of a file. */
    public static JsonNode info(Path file) throws IOException {
        String json = run("gdalinfo", "-json", file.toString());
        return new ObjectMapper().readTree(json.substring(json.indexOf('{')));
    }

    /**
     * Writes band-major raw values as a GeoTIFF through gdal_translate: a raw file and a VRT over
     * it, then {@code gdal_translate} with the georeference and the creation {@code options}.
     */
    public static Path geoTiff(Path dir, String name, float[] data, int width, int height, int bands, SampleType type,
            List<String> options) throws IOException {
        return geoTiff(dir, name, data, width, height, bands, type, "", options);
    }

    /** As above, with {@code vrtHeader} (e.g. an SRS and a rotated GeoTransform) inside the VRT. */
    public static Path geoTiff(Path dir, String name, float[] data, int width, int height, int bands, SampleType type,
            String vrtHeader, List<String> options) throws IOException {
        Files.createDirectories(dir);
        Path raw = dir.resolve(name + ".raw");
        ByteBuffer b = ByteBuffer.allocate(data.length * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            switch (type) {
                case BYTE -> b.put((byte) (int) v);
                case UINT16, INT16 -> b.putShort((short) (int) v);
                case FLOAT32 -> b.putFloat(v);
            }
        }
        Files.write(raw, b.array());
        StringBuilder vrt = new StringBuilder("<VRTDataset rasterXSize=\"" + width + "\" rasterYSize=\"" + height + "\">\n" + vrtHeader);
        long plane = (long) width * height * type.bytes();
        for (int k = 0; k < bands; k++) {
            vrt.append("  <VRTRasterBand dataType=\"").append(type.gdalName()).append("\" band=\"").append(k + 1)
                    .append("\" subClass=\"VRTRawRasterBand\">\n")
                    .append("    <SourceFilename relativetoVRT=\"1\">").append(raw.getFileName()).append("</SourceFilename>\n")
                    .append("    <ImageOffset>").append(k * plane).append("</ImageOffset>\n")
                    .append("    <PixelOffset>").append(type.bytes()).append("</PixelOffset>\n")
                    .append("    <LineOffset>").append((long) width * type.bytes()).append("</LineOffset>\n")
                    .append("    <ByteOrder>LSB</ByteOrder>\n  </VRTRasterBand>\n");
        }
        vrt.append("</VRTDataset>\n");
        Path vrtFile = dir.resolve(name + ".vrt");
        Files.writeString(vrtFile, vrt);
        Path tif = dir.resolve(name + ".tif");
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q"));
        cmd.addAll(options);
        cmd.add(vrtFile.toString());
        cmd.add(tif.toString());
        run(cmd.toArray(String[]::new));
        return tif;
    }

    /** GDAL's own decoding of a raster: band-major values through {@code gdal_translate -of ENVI}. */
    public static float[] pixels(Path tif, SampleType type) throws IOException {
        Path raw = tif.resolveSibling(tif.getFileName() + ".envi");
        run("gdal_translate", "-q", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", tif.toString(), raw.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.capacity() / type.bytes()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case BYTE -> Byte.toUnsignedInt(b.get());
                case UINT16 -> Short.toUnsignedInt(b.getShort());
                case INT16 -> b.getShort();
                case FLOAT32 -> b.getFloat();
            };
        }
        return out;
    }
}
