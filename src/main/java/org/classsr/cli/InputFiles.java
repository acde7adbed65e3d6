package org.classsr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the inputs a user names: files are kept as given, folders are searched for images. */
final class InputFiles {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp");

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
                try (Stream<Path> walk = Files.walk(input, FileVisitOption.FOLLOW_LINKS)) {
                    walk.filter(Files::isRegularFile).filter(InputFiles::looksLikeImage).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }

    static boolean looksLikeImage(Path file) {
        return IMAGE_EXTENSIONS.contains(extension(file));
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
