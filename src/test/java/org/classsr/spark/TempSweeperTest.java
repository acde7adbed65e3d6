package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempSweeperTest {

    @TempDir
    Path dir;

    private static Path touch(Path file, long millis) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "partial");
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
        return file;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void removesThisRunsAndOlderTemporariesOfTheOutputFolderOnly() throws IOException {
        long jobStart = System.currentTimeMillis() - 60_000;
        Path out = dir.resolve("out");
        String p = HadoopFiles.TEMP_PREFIX;
        touch(out.resolve(p + "app-1-0000-uuid-a.png"), jobStart - 3_600_000); // a crashed run's, an hour old
        touch(out.resolve(p + "app-2-uuid-b.png"), jobStart + 1_000); // this run's killed task
        touch(out.resolve(p + "app-3-uuid-c.png"), jobStart + 2_000); // a newer run's, maybe still writing
        touch(out.resolve("a.png"), jobStart - 3_600_000); // an output
        touch(out.resolve("nested/" + p + "app-1-uuid-d.png"), jobStart - 3_600_000); // not the output folder
        touch(dir.resolve("elsewhere/" + p + "app-1-uuid-e.png"), jobStart - 3_600_000);

        int removed = TempSweeper.sweep(out.toUri().toString(), new Configuration(), "app-2", jobStart);

        assertEquals(2, removed);
        assertEquals(List.of(p + "app-3-uuid-c.png", "a.png", "nested/" + p + "app-1-uuid-d.png"), names(out));
        assertEquals(1, names(dir.resolve("elsewhere")).size());
    }

    @Test
    void aFolderThatDoesNotExistHasNothingToSweep() throws IOException {
        assertEquals(0, TempSweeper.sweep(dir.resolve("none").toUri().toString(), new Configuration(), "x", 0));
    }
}
