package org.classsr.spark;

import java.io.Serializable;

/**
 * The scores of a partition's tiles, packed for the driver: image id, tile index and the 3 logits
 * of each tile (about 20 bytes a tile), all that a budget needs to choose the routing.
 */
public record ScoreBlock(int[] image, int[] index, float[] logits) implements Serializable {

    public int size() {
        return image.length;
    }
}
