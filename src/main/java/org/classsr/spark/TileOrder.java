package org.classsr.spark;

import java.io.Serializable;
import java.util.Comparator;

/** Orders tiles by image, then by row-major index: the order the stitcher streams in. */
public final class TileOrder implements Comparator<TileKey>, Serializable {

    @Override
    public int compare(TileKey a, TileKey b) {
        int c = Integer.compare(a.image(), b.image());
        return c != 0 ? c : Integer.compare(a.index(), b.index());
    }
}
