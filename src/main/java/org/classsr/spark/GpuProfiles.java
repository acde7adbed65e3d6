package org.classsr.spark;

import org.apache.spark.resource.ExecutorResourceRequests;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;

/** The stage-level resource profile of the network stages on GPU executors. */
public final class GpuProfiles {

    public static final String GPU = "gpu";

    private GpuProfiles() {
    }

    /** Executors with {@code executorGpus} GPUs; each task of the network stages takes {@code taskGpus}. */
    public static ResourceProfile networkStages(GpuSettings gpu) {
        ExecutorResourceRequests executor = new ExecutorResourceRequests()
                .resource(GPU, gpu.executorGpus(), gpu.discoveryScript(), gpu.vendor());
        TaskResourceRequests task = new TaskResourceRequests().cpus(1).resource(GPU, gpu.taskGpus());
        return new ResourceProfileBuilder().require(executor).require(task).build();
    }
}
