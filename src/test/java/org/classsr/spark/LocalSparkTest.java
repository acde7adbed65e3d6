package org.classsr.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class's one local[2] session: started before its own set-up, stopped after its last test. */
abstract class LocalSparkTest {

    static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = DistributedUpscaler.session(SparkTesting.local());
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }
}
