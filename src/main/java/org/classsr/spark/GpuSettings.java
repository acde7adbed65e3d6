package org.classsr.spark;

import java.io.Serializable;

/**
 * GPU executors (classsr.gpu): when enabled, the classify and branch stages run under a Spark
 * stage-level resource profile asking for GPUs, and DJL uses the GPU it finds (with the CUDA
 * natives of the Maven profile {@code gpu}).
 *
 * @param executorGpus GPUs per executor
 * @param taskGpus GPUs per task (fractions share a GPU between tasks, e.g. 0.25 = 4 tasks per GPU)
 * @param discoveryScript the script that lists an executor's GPUs (Spark's getGpusResources.sh), or ""
 * @param vendor the resource vendor for Kubernetes (nvidia.com), or ""
 */
public record GpuSettings(boolean enabled, int executorGpus, double taskGpus, String discoveryScript, String vendor)
        implements Serializable {

    public GpuSettings {
        if (executorGpus < 1 || !(taskGpus > 0) || taskGpus > executorGpus) {
            throw new IllegalArgumentException("classsr.gpu needs executor-gpus >= 1 and 0 < task-gpus <= executor-gpus, got "
                    + executorGpus + " and " + taskGpus);
        }
        discoveryScript = discoveryScript == null ? "" : discoveryScript;
        vendor = vendor == null ? "" : vendor;
    }

    public static GpuSettings disabled() {
        return new GpuSettings(false, 1, 1.0, "", "");
    }
}
