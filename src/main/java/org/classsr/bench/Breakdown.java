package org.classsr.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.classsr.engine.PhaseTimes;

/**
 * Where ClassSR's time goes, in mean seconds per image over the timed repeats. The engine parts
 * (tiling .. engine other) add up to {@code engine}, the in-memory engine call; decode and encode
 * make it a file-to-file run; Spark overhead is the Spark job's time minus that file-to-file time
 * on the same images (NaN without Spark).
 *
 * @param tensorConversion packing tiles into batches, NDArray creation and output copies (classifier and branches)
 * @param classifierForward the Class-Module's forward passes (DJL predictor overhead and argmax included)
 * @param branchForwards the SR branches' forward passes (DJL predictor overhead included)
 * @param engineOther what the engine call spends outside the listed parts (routing, allocation)
 * @param encode PNG encoding of the output and writing the file
 */
public record Breakdown(double decode, double tiling, double tensorConversion, double classifierForward,
        double branchForwards, double stitching, double engineOther, double encode, double sparkOverhead,
        double engine, double spark) {

    /** Nanoseconds summed over the timed engine calls, and over decode and encode where files were used. */
    static final class Sums {
        long decode;
        long encode;
        private long tiling;
        private long conversion;
        private long classifierForward;
        private long branchForwards;
        private long stitching;
        private long engineTotal;

        void add(PhaseTimes t) {
            long classifier = t.classifyNanos() - t.classifyConversionNanos();
            tiling += t.tilingNanos();
            conversion += t.conversionNanos();
            classifierForward += classifier;
            branchForwards += t.forwardNanos() - classifier;
            stitching += t.stitchNanos();
            engineTotal += t.totalNanos();
        }

        /**
         * Mean seconds per image over {@code calls} engine calls; decode and encode are NaN without
         * files, Spark overhead is NaN without a Spark time.
         */
        Breakdown perImage(double calls, boolean files, double spark) {
            double div = 1e9 * calls;
            double engineS = engineTotal / div;
            double listed = (tiling + conversion + classifierForward + branchForwards + stitching) / div;
            double filesS = (decode + engineTotal + encode) / div;
            return new Breakdown(files ? decode / div : Double.NaN, tiling / div, conversion / div,
                    classifierForward / div, branchForwards / div, stitching / div, engineS - listed,
                    files ? encode / div : Double.NaN, Double.isNaN(spark) ? Double.NaN : spark - filesS, engineS, spark);
        }
    }

    /** Decode + engine + encode: the one-JVM engine file to file. */
    public double files() {
        return decode + engine + encode;
    }

    /** The measure: the share of the engine's wall time not spent in network forward passes. */
    public double nonNetworkFraction() {
        return (engine - classifierForward - branchForwards) / engine;
    }

    /** The same share over the file-to-file run (decode and encode counted as non-network). */
    public double nonNetworkFractionFiles() {
        return (files() - classifierForward - branchForwards) / files();
    }

    /** Part name -> seconds per image, in pipeline order. */
    public Map<String, Double> parts() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("decode", decode);
        m.put("tiling", tiling);
        m.put("tensor_conversion", tensorConversion);
        m.put("classifier_forward", classifierForward);
        m.put("branch_forwards", branchForwards);
        m.put("stitching", stitching);
        m.put("engine_other", engineOther);
        m.put("encode", encode);
        m.put("spark_overhead", sparkOverhead);
        return m;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts().forEach((k, v) -> parts.put(k, Double.isNaN(v) ? null : v));
        m.put("seconds_per_image", parts);
        m.put("engine_seconds_per_image", engine);
        m.put("files_seconds_per_image", nullIfNaN(files()));
        m.put("spark_seconds_per_image", nullIfNaN(spark));
        m.put("non_network_fraction", nonNetworkFraction());
        m.put("non_network_fraction_files", nullIfNaN(nonNetworkFractionFiles()));
        return m;
    }

    /** JSON has no NaN: parts not measured (no files, no Spark) are null. */
    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
