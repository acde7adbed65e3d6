package org.classsr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.classsr.image.ImageFiles;

/** Expands the inputs a user names: files are kept as given, folders are searched for images. */
final class InputFiles {


    private InputFiles() {
    }

    /**
     * Files named explicitly are kept even when they do not look like images (so that a bad
     * file is reported, not silently skipped); folders contribute their image files, sorted,
     * searched through symbolic links.
     */
    static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                // follow links: a folder named through a symlink (or holding some) is still searched
                List<Path> found;
                try (Stream<Path> walk = Files.walk(input, FileVisitOption.FOLLOW_LINKS)) {
                    found = walk.filter(Files::isRegularFile).filter(InputFiles::looksLikeImage).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
                }
                if (found.isEmpty()) {
                    // An empty folder is a mistake to report, not a run that did nothing.
                    throw new IllegalArgumentException("no image files in " + input + " (looked for "
                            + String.join(", ", new TreeSet<>(ImageFiles.EXTENSIONS)) + ")");
                }
                files.addAll(found);
            } else {
                files.add(input);
            }
        }
        return files;
    }

    /**
     * Refuses, before any work, two inputs that would be written under one name (same stem:
     * {@code a/x.png} and {@code b/x.png}, or {@code x.png} and {@code x.jpg}, whose class maps
     * would collide too): one result would silently replace the other.
     */
    static void requireDistinctStems(List<Path> files) {
        ImageFiles.requireDistinctOutputs(files, InputFiles::stem, Path::toString);
    }


    static boolean looksLikeImage(Path file) {
        return ImageFiles.isImage(file.getFileName().toString());
    }

    static String extension(Path file) {
        return ImageFiles.extension(file.getFileName().toString());
    }

    static String stem(Path file) {
        return ImageFiles.stem(file.getFileName().toString());
    }
}
