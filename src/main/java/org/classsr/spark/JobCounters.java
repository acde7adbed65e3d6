package org.classsr.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The job's accumulators, which the stages' tasks add to and the driver's {@link JobProgress} prints: tiles
 * classified, tiles super-resolved, images written.
 */
public record JobCounters(LongAccumulator classified, LongAccumulator superResolved, LongAccumulator written) {

    /** Registers the three accumulators with the context, under the names the Spark UI shows. */
    static JobCounters register(SparkContext sc) {
        return new JobCounters(sc.longAccumulator("tiles classified"), sc.longAccumulator("tiles super-resolved"),
                sc.longAccumulator("images written"));
    }
}
