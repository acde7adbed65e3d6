package org.classsr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.classsr.dataset.DatasetIndex;
import org.classsr.files.AtomicFiles;

/**
 * A finished stage's {@code done.json}: what it produced and how long it trained. Its presence
 * (written last, atomically) marks the stage finished.
 */
public record StageRecord(String stage, long steps, double finalLoss, double secondsPerStep, String finished,
        Map<String, Object> facts) {

    public static final String FILE_NAME = "done.json";

    public StageRecord {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    public void write(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(FILE_NAME), DatasetIndex.JSON.writeValueAsBytes(this));
    }

    /** The record of a finished stage, or null. */
    public static StageRecord read(Path dir) throws IOException {
        Path f = dir.resolve(FILE_NAME);
        return Files.isRegularFile(f) ? DatasetIndex.JSON.readValue(f.toFile(), StageRecord.class) : null;
    }
}
