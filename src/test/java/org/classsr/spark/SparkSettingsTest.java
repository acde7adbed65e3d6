package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.spark.resource.ResourceProfile;
import org.junit.jupiter.api.Test;

/** The GPU profile the job builds from classsr.gpu, and the settings' redaction. */
class SparkSettingsTest {

    @Test
    void gpuSettingsBuildAStageLevelProfileAskingForGpus() {
        ResourceProfile p = GpuProfiles.networkStages(new GpuSettings(true, 2, 0.5, "/opt/gpus.sh", "nvidia.com"));
        assertEquals(2L, p.executorResources().get(GpuProfiles.GPU).get().amount());
        assertEquals("/opt/gpus.sh", p.executorResources().get(GpuProfiles.GPU).get().discoveryScript());
        assertEquals(0.5, p.taskResources().get(GpuProfiles.GPU).get().amount());
    }

    @Test
    void settingsNeverShowConfValues() {
        SparkJobSettings s = SparkJobSettings.localDefaults().withConf(Map.of("spark.hadoop.fs.s3a.secret.key", "hunter2"));
        assertFalse(s.toString().contains("hunter2"));
        assertTrue(s.toString().contains("spark.hadoop.fs.s3a.secret.key"));
    }
}
