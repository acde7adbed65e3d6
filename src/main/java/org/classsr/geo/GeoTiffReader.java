package org.classsr.geo;

import org.classsr.image.ImageException;
import org.classsr.image.ImageInfo;

/**
 * Reads GeoTIFFs (and other TIFFs that the image codec cannot take whole: more than four bands,
 * signed or float samples, planar layouts) with this package's own decoder: classic TIFF and
 * BigTIFF, strips or tiles (COGs), uncompressed, LZW, Deflate or PackBits, with or without a
 * predictor.
 */
public final class GeoTiffReader {

    private GeoTiffReader() {
    }

    /**
     * Whether these bytes (the whole file or its start) are a TIFF that belongs on the geo path:
     * georeferenced, with a nodata value, or with bands or samples the image codec cannot keep.
     * A directory past the given bytes answers {@code false}.
     */
    public static boolean wants(byte[] head) {
        if (!TiffDirectory.isTiff(head)) {
            return false;
        }
        TiffDirectory d;
        try {
            d = TiffDirectory.parse(head);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (int tag : GeoTags.CARRIED) {
            if (d.has(tag)) {
                return true;
            }
        }
        long bands = d.value(TiffDirectory.SAMPLES_PER_PIXEL, 1);
        return bands > 4 || d.value(TiffDirectory.SAMPLE_FORMAT, 1) != 1
                || d.value(TiffDirectory.BITS_PER_SAMPLE, 1) > 16
                || (bands > 1 && d.value(TiffDirectory.PLANAR_CONFIG, 1) == 2);
    }

    /** Whether these first bytes are a TIFF whose first directory lies further in (so undecided). */
    public static boolean directoryBeyond(byte[] head) {
        if (!TiffDirectory.isTiff(head)) {
            return false;
        }
        try {
            TiffDirectory.parse(head);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Size from the directory alone. */
    public static ImageInfo probe(byte[] bytes, String name) {
        try {
            TiffDirectory d = TiffDirectory.parse(bytes);
            return new ImageInfo((int) d.value(TiffDirectory.IMAGE_WIDTH, 0),
                    (int) d.value(TiffDirectory.IMAGE_LENGTH, 0), "tif");
        } catch (IllegalArgumentException e) {
            throw new ImageException(name, e.getMessage(), e);
        }
    }

    /** Decodes every band; failures name the input. */
    public static GeoRaster read(byte[] bytes, String name) {
        try {
            TiffDirectory d = TiffDirectory.parse(bytes);
            int width = (int) d.value(TiffDirectory.IMAGE_WIDTH, 0);
            int height = (int) d.value(TiffDirectory.IMAGE_LENGTH, 0);
            int bands = (int) d.value(TiffDirectory.SAMPLES_PER_PIXEL, 1);
            if (width < 1 || height < 1 || bands < 1) {
                throw new IllegalArgumentException("TIFF without pixels (" + width + "x" + height + "x" + bands + ")");
            }
            long[] bits = d.values(TiffDirectory.BITS_PER_SAMPLE);
            long[] formats = d.values(TiffDirectory.SAMPLE_FORMAT);
            int b0 = bits == null ? 1 : (int) bits[0];
            int f0 = formats == null ? 1 : (int) formats[0];
            for (int i = 1; bits != null && i < bits.length; i++) {
                if (bits[i] != b0 || (formats != null && i < formats.length && formats[i] != f0)) {
                    throw new IllegalArgumentException("bands of different sample types are not supported");
                }
            }
            SampleType type = SampleType.of(b0, f0);
            int photometric = (int) d.value(TiffDirectory.PHOTOMETRIC, 1);
            if (photometric > 2) {
                throw new IllegalArgumentException("unsupported photometric interpretation " + photometric
                        + " (grey or RGB bands only; palette, YCbCr and CMYK are not)");
            }
            float[] data = RasterDecoder.decode(bytes, d, width, height, bands, type);
            GeoTags tags = GeoTags.of(d);
            long[] extra = d.values(TiffDirectory.EXTRA_SAMPLES);
            return new GeoRaster(width, height, bands, type, data, tags.nodata(), tags, photometric, extra);
        } catch (IllegalArgumentException e) {
            throw new ImageException(name, e.getMessage(), e);
        }
    }
}
