package org.classsr.bench;

import java.util.List;
import java.util.Map;
import org.classsr.model.ClassCounts;

/** What bench measures at one routing setting: quality, class split, and cost and time against the "-O" network. */
interface Measured {

    double psnrY();

    double[] classFraction();

    double paperFlopsRatio();

    double executedFlopsRatio();

    Spread secondsPerImage();

    double timeRatio();

    /** Adds what was measured to a report's row: PSNR-Y, class fractions, FLOPs and time ratios, seconds. */
    default void putMeasured(Map<String, Object> row, List<String> classNames) {
        row.put("psnr_y", psnrY());
        row.put("class_fraction", ClassCounts.byName(classNames, classFraction()));
        row.put("paper_flops_ratio", paperFlopsRatio());
        row.put("executed_flops_ratio", executedFlopsRatio());
        row.put("seconds_per_image", secondsPerImage());
        row.put("time_ratio", timeRatio());
    }
}
