package org.classsr.archive;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which member paths are inputs, and which may not be used as output paths. */
final class MemberPaths {

    private MemberPaths() {
    }

    /**
     * The member's path made relative ({@code .} segments, empty ones and leading slashes dropped), or null when it
     * climbs out ({@code ..}): outputs keep the member's folders, so such a name could write
     * outside the output folder.
     */
    static String relative(String name) {
        StringBuilder p = new StringBuilder();
        for (String part : name.replace('\\', '/').split("/")) {
            if (part.equals("..")) {
                return null;
            }
            if (!part.isEmpty() && !part.equals(".")) {
                p.append(p.length() == 0 ? "" : "/").append(part);
            }
        }
        return p.toString();
    }

    /** Folders and files named {@code .x} or {@code _x} are skipped, as in a folder (e.g. {@code __MACOSX/._a.png}). */
    static boolean hidden(String path) {
        for (String part : path.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The relative path of member {@code raw} of archive {@code uri} when it is an input: null for a member that is
     * not one, and for one whose path climbs out, which is also put in {@code refused} (under its name as stored).
     */
    static String input(String uri, String raw, Set<String> extensions, Map<String, String> refused) {
        String relative = relative(raw);
        if (relative == null) {
            refused.put(uri + ArchiveKind.SEPARATOR + raw,
                    "member path leaves the archive's folder (\"..\"); not written outside the output folder");
            return null;
        }
        return wanted(relative, extensions) ? relative : null;
    }

    static boolean wanted(String path, Set<String> extensions) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && !hidden(path)
                && extensions.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
