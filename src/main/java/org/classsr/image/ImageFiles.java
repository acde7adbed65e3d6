package org.classsr.image;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Which file names are images (by extension, as inputs are listed), and a name's stem and extension. */
public final class ImageFiles {

    /** Extensions of the image files read as inputs and written as outputs. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp");

    private ImageFiles() {
    }

    /** The lower-case text after the last dot, or "" without one. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The name without its extension (a leading dot is part of the stem). */
    public static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    public static boolean isImage(String name) {
        return EXTENSIONS.contains(extension(name));
    }

    /**
     * Refuses two inputs whose outputs would share a name (one result would silently replace the
     * other), naming both: {@code output} gives an input's output name without extension,
     * {@code name} how the message calls the input.
     */
    public static <T> void requireDistinctOutputs(List<T> inputs, Function<T, String> output, Function<T, String> name) {
        Map<String, T> seen = new HashMap<>();
        for (T f : inputs) {
            T first = seen.putIfAbsent(output.apply(f), f);
            if (first != null) {
                throw new IllegalArgumentException(name.apply(first) + " and " + name.apply(f) + " would both be written as "
                        + output.apply(f) + ".* (rename one, or upscale them into different output folders)");
            }
        }
    }
}
