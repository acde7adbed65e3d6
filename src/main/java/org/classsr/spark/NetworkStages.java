package org.classsr.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The two network stages of the job as RDDs, both under the GPU resource profile when
 * {@code classsr.gpu} is enabled: the classify stage (stage 1) and the branch stage (stage 2,
 * after the class shuffle, where most of the compute is). A Spark stage takes the profile of the
 * RDDs computed in it, so the profile goes on the RDD each network runs in; decoding and the
 * stitch-and-write stage keep the default profile.
 */
final class NetworkStages {

    private final ResourceProfile profile;

    /** {@code profile}: the network stages' resource profile, or null for the default one. */
    NetworkStages(ResourceProfile profile) {
        this.profile = profile;
    }

    static NetworkStages of(GpuSettings gpu) {
        return new NetworkStages(gpu.enabled() ? GpuProfiles.networkStages(gpu) : null);
    }

    /** Stage 1: the Class-Module over decoded tiles. */
    JavaRDD<TileRecord> classify(JavaRDD<TileRecord> tiles, StageSettings stage, LongAccumulator done) {
        return classify(tiles, stage, done, false);
    }

    /** Stage 1, keeping each tile's logits when {@code keepLogits} (a budget routes from them). */
    JavaRDD<TileRecord> classify(JavaRDD<TileRecord> tiles, StageSettings stage, LongAccumulator done,
            boolean keepLogits) {
        JavaRDD<TileRecord> classified = tiles.mapPartitions(new ClassifyFn(stage, done, keepLogits));
        return profile == null ? classified : classified.withResources(profile);
    }

    /** Stage 2: each class's branch over the tiles of one class per partition. */
    JavaPairRDD<TileKey, TileRecord> branches(JavaRDD<TileRecord> classified, ClassPartitioner byClass,
            StageSettings stage, LongAccumulator done) {
        JavaPairRDD<TileKey, TileRecord> hr = classified.filter(r -> !r.failed())
                .mapToPair(r -> new Tuple2<>(r.key(), r))
                .partitionBy(byClass)
                .mapPartitionsToPair(new SuperResolveFn(stage, done));
        if (profile != null) {
            hr.rdd().withResources(profile); // JavaPairRDD has no withResources; the RDD's sets it in place
        }
        return hr;
    }
}
