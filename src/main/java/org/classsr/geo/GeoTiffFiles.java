package org.classsr.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.engine.ProgressListener;
import org.classsr.files.AtomicFiles;
import org.classsr.image.ImageException;

/**
 * GeoTIFF in, GeoTIFF out: decode a raster, upscale it with a {@link GeoUpscaler} and stream the
 * result, with the rescaled georeference, into a stream (the Spark job's committed outputs) or a
 * local file (written under a temporary name and moved into place).
 */
public final class GeoTiffFiles {

    /** Bytes read to decide whether a file is a GeoTIFF; a directory further in means reading it all. */
    static final int HEAD_BYTES = 1 << 20;

    private GeoTiffFiles() {
    }

    /** Whether a local file belongs on the geo path ({@link GeoTiffReader#wants}). */
    public static boolean wants(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            if (!TiffDirectory.isTiff(head)) {
                return false;
            }
            return GeoTiffReader.wants(head) || (head.length == HEAD_BYTES && GeoTiffReader.directoryBeyond(head)
                    && GeoTiffReader.wants(Files.readAllBytes(file)));
        } catch (IOException e) {
            return false; // the ordinary path reports the file's real problem
        }
    }

    /**
     * Upscales an encoded raster into {@code out}; the stream is flushed, not closed. With tiled
     * output ({@link GeoSettings#tiledOutput()}) the compressed tiles wait in {@code spillDir}.
     */
    public static GeoStats upscale(GeoUpscaler upscaler, byte[] bytes, String name, OutputStream out,
            Path spillDir, ProgressListener progress) throws IOException {
        GeoRaster lr = GeoTiffReader.read(bytes, name);
        int s = upscaler.scale();
        GeoTiffWriter.Layout layout = new GeoTiffWriter.Layout(Math.multiplyExact(lr.width(), s),
                Math.multiplyExact(lr.height(), s), lr.bands(), lr.type(), lr.photometric(), lr.extraSamples());
        GeoTags tags = lr.tags().upscaled(s);
        if (upscaler.settings().tiledOutput()) {
            try (GeoTiffTiledWriter writer = new GeoTiffTiledWriter(out, layout, tags, spillDir)) {
                return upscaler.upscale(lr, writer, progress);
            }
        }
        try (GeoTiffWriter writer = new GeoTiffWriter(out, layout, tags)) {
            return upscaler.upscale(lr, writer, progress);
        }
    }

    /** Upscales a local GeoTIFF into {@code target}, atomically (temporary sibling, then a rename). */
    public static GeoStats upscale(GeoUpscaler upscaler, Path input, Path target, ProgressListener progress) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(input);
        } catch (IOException e) {
            throw new ImageException(input.toString(), "cannot read file (" + e.getMessage() + ")", e);
        }
        GeoStats[] stats = new GeoStats[1];
        try {
            AtomicFiles.write(target, out -> {
                OutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 20);
                stats[0] = upscale(upscaler, bytes, input.toString(), buffered, target.toAbsolutePath().getParent(),
                        progress);
                buffered.flush();
            }, false);
            return stats[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + " (" + e.getMessage() + ")", e);
        }
    }
}
