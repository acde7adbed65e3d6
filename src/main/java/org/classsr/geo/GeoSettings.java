package org.classsr.geo;

import java.io.Serializable;
import java.util.List;

/**
 * How multi-band rasters are split and scaled (classsr.input in reference.conf).
 *
 * @param rgbBands the 1-based bands that go through ClassSR as R, G, B (or one band as grey);
 *     empty: bands 1-3 when there are three or more, else band 1. Every other band is bicubic.
 * @param range how samples map to the networks' [0, 1]: {@code type} (the sample type's range;
 *     Float32: the image's valid minimum to maximum), {@code auto} (the image's valid minimum to
 *     maximum over the ClassSR bands), or explicit {@code low} to {@code high} (e.g. 0-10000
 *     reflectance). Values outside it are not clipped on the way in, only to the type on the way out.
 * @param tiledOutput write 256x256 Deflate tiles ({@link GeoTiffTiledWriter}) instead of uncompressed strips
 */
public record GeoSettings(List<Integer> rgbBands, String range, double low, double high, boolean tiledOutput)
        implements Serializable {

    public static final String TYPE = "type";
    public static final String AUTO = "auto";
    public static final String FIXED = "fixed";

    public static final GeoSettings DEFAULT = new GeoSettings(List.of(), TYPE, 0, 0, false);

    /** Uncompressed strip output. */
    public GeoSettings(List<Integer> rgbBands, String range, double low, double high) {
        this(rgbBands, range, low, high, false);
    }

    /** These settings with tiled, Deflate-compressed output or not. */
    public GeoSettings withTiledOutput(boolean tiled) {
        return new GeoSettings(rgbBands, range, low, high, tiled);
    }

    public GeoSettings {
        rgbBands = List.copyOf(rgbBands);
        if (!rgbBands.isEmpty() && rgbBands.size() != 1 && rgbBands.size() != 3) {
            throw new IllegalArgumentException("classsr.input.rgb-bands takes 1 or 3 bands (or [] for 1-3), got "
                    + rgbBands);
        }
        for (int b : rgbBands) {
            if (b < 1) {
                throw new IllegalArgumentException("classsr.input.rgb-bands counts bands from 1, got " + rgbBands);
            }
        }
        if (!List.of(TYPE, AUTO, FIXED).contains(range)) {
            throw new IllegalArgumentException("value range must be type, auto or [low, high], got " + range);
        }
        if (FIXED.equals(range) && !(high > low)) {
            throw new IllegalArgumentException("classsr.input.value-range needs low < high, got [" + low + ", "
                    + high + "]");
        }
    }

    /** From the configuration's value: "type", "auto", or a list of two numbers. */
    public static GeoSettings of(List<Integer> rgbBands, Object valueRange) {
        if (valueRange instanceof List<?> l) {
            if (l.size() != 2 || !(l.get(0) instanceof Number lo) || !(l.get(1) instanceof Number hi)) {
                throw new IllegalArgumentException("classsr.input.value-range as a list takes [low, high], got " + l);
            }
            return new GeoSettings(rgbBands, FIXED, lo.doubleValue(), hi.doubleValue());
        }
        return new GeoSettings(rgbBands, String.valueOf(valueRange).trim(), 0, 0);
    }

    /** The 0-based bands of a raster of {@code bands} bands that go through ClassSR. */
    public int[] classSrBands(int bands) {
        if (rgbBands.isEmpty()) {
            return bands >= 3 ? new int[] {0, 1, 2} : new int[] {0};
        }
        int[] out = new int[rgbBands.size()];
        for (int i = 0; i < out.length; i++) {
            if (rgbBands.get(i) > bands) {
                throw new IllegalArgumentException("classsr.input.rgb-bands names band " + rgbBands.get(i)
                        + " but the image has " + bands);
            }
            out[i] = rgbBands.get(i) - 1;
        }
        return out;
    }
}
