package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which resource profile each stage of the job's plan runs under, as Spark's own DAG scheduler
 * works it out from the RDDs of a stage: with classsr.gpu both network stages (classify, and the
 * branches after the class shuffle) ask for GPUs, and the write stage does not. Nothing runs: local
 * mode has no GPU executors, so only the plan is inspected.
 */
class NetworkStagesTest {

    static SparkSession spark;
    static JavaSparkContext sc;

    static final GpuSettings GPU = new GpuSettings(true, 1, 0.25, "/opt/spark/getGpusResources.sh", "");
    static final StageSettings STAGE = new StageSettings("models/none", null, SparkTesting.engine(), 32, 28, 4,
            100_000_000L, 6, 100_000_000L, null);

    @BeforeAll
    static void start() {
        // Spark refuses a non-default profile in local mode outside its own test suite; it reads
        // this property once, when the context starts, and the plan is all this test needs.
        String before = System.setProperty("spark.testing", "true");
        try {
            spark = DistributedUpscaler.session(SparkTesting.local());
            sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        } finally {
            if (before == null) {
                System.clearProperty("spark.testing");
            } else {
                System.setProperty("spark.testing", before);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The profile the DAG scheduler gives the stage that computes {@code rdd} (merging its RDDs' profiles). */
    private static ResourceProfile stageProfile(RDD<?> rdd) {
        var scheduler = sc.sc().dagScheduler();
        return scheduler.mergeResourceProfilesForStage(scheduler.getShuffleDependenciesAndResourceProfiles(rdd)._2());
    }

    private static JavaRDD<TileRecord> tiles() {
        return sc.parallelize(List.of(new TileRecord(0, 0, -1, null, false, 8, false, 0, 0, 0, null)), 1);
    }

    private static ClassPartitioner byClass() {
        return ClassPartitioner.plan(Map.of(0, 4L, 1, 2L, 2, 2L), 3, 4);
    }

    @Test
    void withGpusBothNetworkStagesRunUnderTheGpuProfileAndTheWriteStageDoesNot() {
        NetworkStages networks = NetworkStages.of(GPU);
        JavaRDD<TileRecord> classified = networks.classify(tiles(), STAGE, null);
        JavaPairRDD<TileKey, TileRecord> hr = networks.branches(classified, byClass(), STAGE, null);
        JavaRDD<Integer> written = hr.repartitionAndSortWithinPartitions(new ImagePartitioner(2), new TileOrder())
                .mapPartitions(it -> List.of(1).iterator());

        ResourceProfile gpu = GpuProfiles.networkStages(GPU);
        ResourceProfile classify = stageProfile(classified.rdd());
        ResourceProfile branches = stageProfile(hr.rdd());
        ResourceProfile write = stageProfile(written.rdd());
        assertEquals(gpu.executorResources(), classify.executorResources(), "classify stage: GPU executors");
        assertEquals(gpu.taskResources(), classify.taskResources(), "classify stage: a GPU share per task");
        assertEquals(gpu.executorResources(), branches.executorResources(), "branch stage: GPU executors");
        assertEquals(gpu.taskResources(), branches.taskResources(), "branch stage: a GPU share per task");
        assertEquals(classify.id(), branches.id(), "one profile, so the same GPU executors serve both stages");
        assertEquals(ResourceProfile.DEFAULT_RESOURCE_PROFILE_ID(), write.id(), "stitch-and-write stage: default profile");
    }

    @Test
    void withoutGpusEveryStageKeepsTheDefaultProfile() {
        NetworkStages networks = NetworkStages.of(GpuSettings.disabled());
        JavaRDD<TileRecord> classified = networks.classify(tiles(), STAGE, null);
        JavaPairRDD<TileKey, TileRecord> hr = networks.branches(classified, byClass(), STAGE, null);
        assertEquals(ResourceProfile.DEFAULT_RESOURCE_PROFILE_ID(), stageProfile(classified.rdd()).id());
        assertEquals(ResourceProfile.DEFAULT_RESOURCE_PROFILE_ID(), stageProfile(hr.rdd()).id());
    }
}
