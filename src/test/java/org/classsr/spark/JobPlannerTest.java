package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.engine.EngineSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver plans an archive of many inputs from listings alone: names, never pixels, and a
 * number of file-system calls that grows with the folders, not with the files.
 */
class JobPlannerTest {

    static final String OUT = "archive://bucket/out";

    @BeforeEach
    void reset() {
        ArchiveFileSystem.resetCounts();
    }

    private static JobRequest request(boolean overwrite) {
        return new JobRequest(List.of("archive://bucket/lr"), OUT, Path.of("models/none"), EngineSettings.defaults(),
                100_000_000L, "same", false, overwrite, null);
    }

    @Test
    void tenThousandInputsArePlannedFromListingsWithoutOpeningAFile() throws IOException {
        Map<String, String> failures = new LinkedHashMap<>();
        JobPlanner.Plan plan = JobPlanner.plan(request(false), OUT, ArchiveFileSystem.conf(100, 120, 2_000), failures);

        assertEquals(2_000, plan.skipped().size(), "the committed outputs are skipped");
        assertEquals(10_000, plan.images().size(), "12,000 images listed, 2,000 of them already written");
        assertTrue(failures.isEmpty(), failures.toString());
        for (int i = 0; i < plan.images().size(); i++) {
            ImagePlan p = plan.images().get(i);
            assertEquals(i, p.id(), "dense ids");
            // Sorted within each folder, folders in order: image numbers run on.
            assertEquals("archive://bucket/lr/d" + String.format("%02d", (i + 2_000) / 120) + "/"
                    + ArchiveFileSystem.image(i + 2_000), p.input());
            assertEquals(OUT + "/" + ArchiveFileSystem.image(i + 2_000), p.output());
            assertEquals(0, p.width(), "sizes are probed on executors, not by the driver");
            assertNull(p.format());
        }
        assertEquals(0, ArchiveFileSystem.OPENS.get(), "no file opened");
        // One listing per input folder plus the root, one of the output folder; no call per file.
        assertEquals(100 + 1 + 1, ArchiveFileSystem.LISTINGS.get());
        assertTrue(ArchiveFileSystem.STATUS_CALLS.get() <= 2, "status calls: " + ArchiveFileSystem.STATUS_CALLS.get());
    }

    @Test
    void withoutAnOutputFolderYetNothingIsSkipped() throws IOException {
        assertEveryInputPlanned(false, 0);
    }

    @Test
    void overwriteRedoesCommittedOutputsWithoutListingThem() throws IOException {
        assertEveryInputPlanned(true, 4_000);
        assertEquals(10 + 1, ArchiveFileSystem.LISTINGS.get(), "the input folders only");
    }

    /** Plans 10 folders of 1,000 inputs, {@code committed} of them already written: all 10,000 planned, none skipped. */
    private static void assertEveryInputPlanned(boolean overwrite, int committed) throws IOException {
        JobPlanner.Plan plan = JobPlanner.plan(request(overwrite), OUT, ArchiveFileSystem.conf(10, 1_000, committed),
                new LinkedHashMap<>());
        assertEquals(10_000, plan.images().size());
        assertTrue(plan.skipped().isEmpty());
    }
}
