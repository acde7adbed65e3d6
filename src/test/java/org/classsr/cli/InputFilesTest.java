package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @TempDir
    Path tmp;

    @Test
    void foldersGiveTheirImagesSortedAndNamedFilesAreKept() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in/sub"));
        Files.writeString(tmp.resolve("in/b.PNG"), "x");
        Files.writeString(dir.resolve("a.jpg"), "x");
        Files.writeString(tmp.resolve("in/notes.txt"), "x");
        Path named = Files.writeString(tmp.resolve("named.txt"), "x");
        assertEquals(List.of(tmp.resolve("in/b.PNG"), tmp.resolve("in/sub/a.jpg"), named),
                InputFiles.expand(List.of(tmp.resolve("in"), named)));
    }

    @Test
    void aFolderNamedThroughASymlinkIsSearched() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.writeString(real.resolve("a.png"), "x");
        Path linked = Files.createDirectories(tmp.resolve("more"));
        Files.writeString(linked.resolve("c.tif"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        Files.createSymbolicLink(real.resolve("more"), linked);
        assertEquals(List.of(link.resolve("a.png"), link.resolve("more/c.tif")), InputFiles.expand(List.of(link)));
    }

    @Test
    void aFolderWithoutImagesIsAnErrorNamingIt() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputFiles.expand(List.of(empty)));
        assertTrue(e.getMessage().startsWith("no image files in " + empty), e.getMessage());
    }

    @Test
    void twoInputsWithOneOutputNameAreRefusedNamingBoth() {
        Path a = tmp.resolve("a/x.png");
        Path b = tmp.resolve("b/x.jpg");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputFiles.requireDistinctStems(List.of(tmp.resolve("a/y.png"), a, b)));
        assertTrue(e.getMessage().contains(a + " and " + b), e.getMessage());
        InputFiles.requireDistinctStems(List.of(a, tmp.resolve("b/y.png")));
    }
}
