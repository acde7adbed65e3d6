package org.classsr.geo;

/**
 * A decoded GeoTIFF: every band's raw values (band-major: band, row, column), their sample type,
 * the nodata value and the tags to carry over.
 *
 * @param nodata the GDAL_NODATA value, or {@code null}
 * @param photometric TIFF PhotometricInterpretation of the source (1 grey, 2 RGB)
 * @param extraSamples the source's ExtraSamples values (one per band beyond the colour ones)
 */
public record GeoRaster(int width, int height, int bands, SampleType type, float[] data, Double nodata,
        GeoTags tags, int photometric, long[] extraSamples) {

    public GeoRaster {
        if (width < 1 || height < 1 || bands < 1) {
            throw new IllegalArgumentException("raster must have pixels and bands, got " + width + "x" + height
                    + "x" + bands);
        }
        if (data.length != (long) width * height * bands) {
            throw new IllegalArgumentException("raster of " + width + "x" + height + "x" + bands + " needs "
                    + (long) width * height * bands + " values, got " + data.length);
        }
        extraSamples = extraSamples == null ? new long[0] : extraSamples.clone();
    }

    public int planeSize() {
        return width * height;
    }

    public float get(int band, int x, int y) {
        return data[band * planeSize() + y * width + x];
    }

    /** Whether a sample is nodata: equal to the nodata value, or NaN when that is NaN. */
    public boolean isNodata(float v) {
        if (nodata == null) {
            return false;
        }
        return Double.isNaN(nodata) ? Float.isNaN(v) : v == nodata.floatValue();
    }

    @Override
    public long[] extraSamples() {
        return extraSamples.clone();
    }
}
