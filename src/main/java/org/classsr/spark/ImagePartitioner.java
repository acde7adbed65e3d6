package org.classsr.spark;

import org.apache.spark.Partitioner;

/** Stage 3's partitioner: all tiles of an image go to one partition (image id modulo the count). */
public final class ImagePartitioner extends Partitioner {

    private final int partitions;

    public ImagePartitioner(int partitions) {
        this.partitions = Math.max(1, partitions);
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return Math.floorMod(((TileKey) key).image(), partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePartitioner p && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
