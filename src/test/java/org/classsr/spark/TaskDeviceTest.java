package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** The device a task's networks run on, from the resources Spark assigned to the task. */
class TaskDeviceTest {

    private static Map<String, ResourceInformation> gpus(String... addresses) {
        return Map.of(GpuProfiles.GPU, new ResourceInformation(GpuProfiles.GPU, addresses));
    }

    @Test
    void theTasksGpuAddressBecomesThatDjlGpu() {
        assertEquals(Device.gpu(1), TaskDevice.of(gpus("1")));
        assertEquals(Device.gpu(3), TaskDevice.of(gpus("3", "0")), "several GPUs: the first address");
    }

    @Test
    void withoutGpuAddressesDjlKeepsItsDefaultDevice() {
        assertNull(TaskDevice.of(Map.of()));
        assertNull(TaskDevice.of(gpus()));
        assertNull(TaskDevice.of(Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}))));
    }

    @Test
    void anAddressThatIsNotAnOrdinalIsRefusedWithTheAddress() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskDevice.of(gpus("GPU-5f3a")));
        assertTrue(e.getMessage().contains("GPU-5f3a"), e.getMessage());
    }
}
