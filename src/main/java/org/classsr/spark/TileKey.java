package org.classsr.spark;

import java.io.Serializable;

/**
 * The shuffle key of one tile: its image, its row-major index in the image's tile grid, and its
 * class (-1 before classification). Stage 2 partitions by class, stage 3 by image and sorts by
 * (image, index), which is (row, col) order.
 */
public record TileKey(int image, int index, int cls) implements Serializable {
}
