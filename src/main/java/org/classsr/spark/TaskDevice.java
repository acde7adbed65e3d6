package org.classsr.spark;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The device a task's networks run on, from the resources Spark assigned to the task: the first
 * of its {@code gpu} addresses (a GPU profile, {@link GpuProfiles}) becomes DJL's
 * {@code Device.gpu(n)}, so two tasks on a two-GPU executor use their own GPUs rather than both
 * DJL's default {@code gpu(0)}. Without GPU addresses (CPU executors, local mode) the answer is
 * null: DJL's default device.
 */
final class TaskDevice {

    private TaskDevice() {
    }

    /** The running task's device, or null outside a task or without GPU addresses. */
    static Device current() {
        TaskContext task = TaskContext.get();
        return task == null ? null : of(task.resourcesJMap());
    }

    /** The device for a task's resources (Spark's resource name to its addresses). */
    static Device of(Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources.get(GpuProfiles.GPU);
        if (gpu == null || gpu.addresses().length == 0) {
            return null;
        }
        // A task given several GPUs still runs one model copy: the first address.
        String address = gpu.addresses()[0].trim();
        try {
            return Device.gpu(Integer.parseInt(address));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Spark assigned the task GPU address '" + address
                    + "'; a CUDA device ordinal (0, 1, ...) was expected from the discovery script", e);
        }
    }
}
