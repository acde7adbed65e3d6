package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedJsonWriteLeavesNoTemporaryAndKeepsTheOldReport() throws IOException {
        Path report = dir.resolve("report.json");
        Reports.writeJson(report, Map.of("images", 2));
        String before = Files.readString(report);
        // Jackson cannot serialize a bare Object (no properties): the write fails half-way.
        assertThrows(IOException.class, () -> Reports.writeJson(report, Map.of("bad", new Object())));
        assertEquals(List.of("report.json"), names(), "a temporary survived the failed write");
        assertEquals(before, Files.readString(report));
    }
}
