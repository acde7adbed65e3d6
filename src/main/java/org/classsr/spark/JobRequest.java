package org.classsr.spark;

import java.nio.file.Path;
import java.util.List;
import org.classsr.engine.BudgetSettings;
import org.classsr.engine.EngineSettings;

/**
 * One run of the job: what to upscale, where to, with which model.
 *
 * @param inputs files or prefixes (local paths, file:, s3a:, hdfs: URIs); prefixes are listed recursively
 * @param output the output folder or prefix
 * @param format output format ("same": the input's)
 * @param overwrite redo images whose output is already committed (otherwise they are skipped)
 * @param hrFolder ground-truth HR images named like the inputs, for PSNR/SSIM; or null
 * @param budget a compute budget that chooses the routing after stage 1 (off: by the class-bias)
 */
public record JobRequest(List<String> inputs, String output, Path model, EngineSettings engine, long maxPixels,
        String format, boolean classMap, boolean overwrite, String hrFolder, BudgetSettings budget) {

    public JobRequest {
        inputs = List.copyOf(inputs);
        budget = budget == null ? BudgetSettings.off() : budget;
    }

    public JobRequest(List<String> inputs, String output, Path model, EngineSettings engine, long maxPixels,
            String format, boolean classMap, boolean overwrite, String hrFolder) {
        this(inputs, output, model, engine, maxPixels, format, classMap, overwrite, hrFolder, null);
    }
}
