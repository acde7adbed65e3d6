package org.classsr.geo;

import java.io.Serializable;
import java.util.List;
import org.classsr.model.ClassCounts;

/**
 * What happened to one raster: which bands went through ClassSR and which through bicubic (both
 * 1-based, as GDAL counts), the tiles per class, the all-nodata tiles no network saw, and the value
 * range the ClassSR bands were scaled by.
 */
public record GeoStats(int width, int height, int scale, String sampleType, List<Integer> classSrBands,
        List<Integer> bicubicBands, int[] tilesPerClass, int skippedTiles, double rangeLow, double rangeHigh,
        Double nodata, long nanos) implements Serializable {

    public GeoStats {
        classSrBands = List.copyOf(classSrBands);
        bicubicBands = List.copyOf(bicubicBands);
        tilesPerClass = tilesPerClass.clone();
    }

    @Override
    public int[] tilesPerClass() {
        return tilesPerClass.clone();
    }

    /** Tiles sent to a network (skipped ones excluded). */
    public int tiles() {
        return ClassCounts.total(tilesPerClass);
    }

    /** One line for logs: "bands [1, 2, 3] ClassSR, [4] bicubic; 12 tiles skipped (nodata)". */
    public String describe() {
        return "bands " + classSrBands + " ClassSR, " + (bicubicBands.isEmpty() ? "none" : bicubicBands.toString())
                + " bicubic; " + sampleType + " range [" + rangeLow + ", " + rangeHigh + "]; " + skippedTiles
                + " tiles skipped (all nodata)";
    }
}
