package org.classsr.archive;

import java.util.Locale;

/** The archive formats read in place, told apart by the name's ending. */
public enum ArchiveKind {
    /** Members are found in the central directory and read by offset (any member, any task). */
    ZIP,
    /** Members are found by walking the 512-byte headers and read by offset. */
    TAR,
    /** A gzip stream cannot be entered in the middle: members are read in order, one task per archive. */
    TGZ;

    /** Separates an archive's URI from a member's path in an input's name: {@code data.zip!/DIR/0001.png}. */
    public static final String SEPARATOR = "!/";

    /** The kind of the named file, or null when it is not an archive we read. */
    public static ArchiveKind of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".zip")) {
            return ZIP;
        }
        if (n.endsWith(".tar")) {
            return TAR;
        }
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
            return TGZ;
        }
        return null;
    }

    /** True when the input's name points into an archive. */
    public static boolean isMember(String input) {
        return input.contains(SEPARATOR);
    }

    /** The member's path inside its archive ({@code DIR/0001.png}), or the input itself when it is none. */
    public static String memberPath(String input) {
        int i = input.indexOf(SEPARATOR);
        return i < 0 ? input : input.substring(i + SEPARATOR.length());
    }
}
