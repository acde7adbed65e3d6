package org.classsr.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The georeferencing and GDAL tags of a GeoTIFF, carried from input to output: the GeoKey
 * directory with its double and ASCII parameters (copied as they are), the raster-to-model
 * mapping (ModelPixelScale with ModelTiepoint, or ModelTransformation), GDAL_METADATA and
 * GDAL_NODATA. {@link #upscaled(int)} rescales the mapping so that the output raster covers
 * exactly the input's extent.
 */
public record GeoTags(List<TiffField> fields) {

    public static final int MODEL_PIXEL_SCALE = 33550;
    public static final int MODEL_TIEPOINT = 33922;
    public static final int MODEL_TRANSFORMATION = 34264;
    public static final int GEO_KEY_DIRECTORY = 34735;
    public static final int GEO_DOUBLE_PARAMS = 34736;
    public static final int GEO_ASCII_PARAMS = 34737;
    public static final int GDAL_METADATA = 42112;
    public static final int GDAL_NODATA = 42113;

    /** Tags copied to the output, ascending. */
    static final int[] CARRIED = {MODEL_PIXEL_SCALE, MODEL_TIEPOINT, MODEL_TRANSFORMATION, GEO_KEY_DIRECTORY,
        GEO_DOUBLE_PARAMS, GEO_ASCII_PARAMS, GDAL_METADATA, GDAL_NODATA};

    /** GTRasterTypeGeoKey: 1 PixelIsArea (the default), 2 PixelIsPoint. */
    static final int RASTER_TYPE_KEY = 1025;

    public GeoTags {
        fields = List.copyOf(fields);
    }

    static GeoTags of(TiffDirectory d) {
        List<TiffField> carried = new ArrayList<>();
        for (int tag : CARRIED) {
            if (d.has(tag)) {
                carried.add(d.field(tag));
            }
        }
        return new GeoTags(carried);
    }

    public TiffField field(int tag) {
        return fields.stream().filter(f -> f.tag() == tag).findFirst().orElse(null);
    }

    /** Whether any georeference is present (a CRS or a raster-to-model mapping). */
    public boolean georeferenced() {
        return field(GEO_KEY_DIRECTORY) != null || field(MODEL_TIEPOINT) != null
                || field(MODEL_TRANSFORMATION) != null;
    }

    /** Whether raster coordinates name pixel centres (PixelIsPoint) rather than pixel corners. */
    public boolean pixelIsPoint() {
        TiffField keys = field(GEO_KEY_DIRECTORY);
        if (keys == null || keys.longs() == null) {
            return false;
        }
        long[] k = keys.longs();
        for (int i = 4; i + 3 < k.length; i += 4) {
            if (k[i] == RASTER_TYPE_KEY && k[i + 1] == 0) {
                return k[i + 3] == 2;
            }
        }
        return false;
    }

    /**
     * The tags for the image upscaled by {@code scale}: the pixel scale divided by it; tie points'
     * raster coordinates and the transformation's raster axes mapped so that each output pixel lies
     * inside the input pixel it came from and the whole raster keeps its extent. With PixelIsArea a
     * raster coordinate u (a corner) becomes u * scale; with PixelIsPoint (a centre, i.e. the corner
     * coordinate u + 1/2) it becomes scale * (u + 1/2) - 1/2. Model coordinates are kept exactly.
     */
    public GeoTags upscaled(int scale) {
        boolean point = pixelIsPoint();
        List<TiffField> out = new ArrayList<>();
        for (TiffField f : fields) {
            out.add(switch (f.tag()) {
                case MODEL_PIXEL_SCALE -> {
                    double[] s = f.numbers();
                    s[0] /= scale;
                    if (s.length > 1) {
                        s[1] /= scale;
                    }
                    yield TiffField.doubles(f.tag(), s);
                }
                case MODEL_TIEPOINT -> {
                    double[] t = f.numbers();
                    for (int i = 0; i + 5 < t.length; i += 6) {
                        t[i] = raster(t[i], scale, point);
                        t[i + 1] = raster(t[i + 1], scale, point);
                    }
                    yield TiffField.doubles(f.tag(), t);
                }
                case MODEL_TRANSFORMATION -> TiffField.doubles(f.tag(), transformation(f.numbers(), scale, point));
                default -> f;
            });
        }
        return new GeoTags(out);
    }

    static double raster(double u, int scale, boolean point) {
        return point ? scale * (u + 0.5) - 0.5 : u * scale;
    }

    /**
     * M' such that M' (u', v', k, 1) = M (u, v, k, 1) for u = u' / s (area) or u = (u' + 1/2) / s - 1/2
     * (point): the raster columns divided by s, plus the constant shift into the translation.
     */
    static double[] transformation(double[] m, int scale, boolean point) {
        if (m.length != 16) {
            throw new IllegalArgumentException("ModelTransformation needs 16 values, got " + m.length);
        }
        double[] r = m.clone();
        double shift = point ? 0.5 / scale - 0.5 : 0;
        for (int row = 0; row < 4; row++) {
            r[row * 4 + 3] = m[row * 4 + 3] + shift * (m[row * 4] + m[row * 4 + 1]);
            r[row * 4] = m[row * 4] / scale;
            r[row * 4 + 1] = m[row * 4 + 1] / scale;
        }
        return r;
    }

    /** The GDAL_NODATA value, or {@code null} when none is set. */
    public Double nodata() {
        TiffField f = field(GDAL_NODATA);
        return f == null || f.text() == null ? null : parseNodata(f.text());
    }

    static Double parseNodata(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        return switch (t) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    /** The fields by tag, for tests and reports. */
    public Map<Integer, TiffField> byTag() {
        Map<Integer, TiffField> m = new java.util.TreeMap<>();
        fields.forEach(f -> m.put(f.tag(), f));
        return m;
    }
}
