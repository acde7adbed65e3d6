package org.classsr.image;

import java.util.Locale;
import java.util.Set;

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
}
