package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.classsr.dataset.SampleDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrWatchTest {

    @TempDir
    Path tmp;

    @Test
    void watchesEveryNStepsAndAfterTheLastOnly() throws IOException {
        Path ds = TrainTestData.dataset(TrainTestData.dataFolder(tmp), tmp.resolve("val-ds"), "val");
        try (SampleDataset data = SampleDataset.open(ds)) {
            SrWatch watch = new SrWatch(new SrValidation(data, new int[] {0}), 500, 1200);
            assertTrue(watch.any());
            List<Long> at = LongStream.rangeClosed(1, 1200).filter(watch::at).boxed().toList();
            assertEquals(List.of(500L, 1000L, 1200L), at);
        }
    }

    @Test
    void noValidationWatchesNothing() {
        assertFalse(SrWatch.NONE.any());
        assertFalse(LongStream.rangeClosed(0, 10).anyMatch(SrWatch.NONE::at));
        assertFalse(new SrWatch(null, 1, 5).at(5));
    }

    @Test
    void refusesANonPositiveInterval() {
        assertThrows(IllegalArgumentException.class, () -> new SrWatch(null, 0, 5));
    }
}
