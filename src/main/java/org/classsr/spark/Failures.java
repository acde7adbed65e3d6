package org.classsr.spark;

import java.io.FileNotFoundException;
import org.classsr.image.ImageException;

/** One line of reason for a failed input, without the input's name repeated where we can help it. */
final class Failures {

    private Failures() {
    }

    /** The reason, without a leading "NAME: " that repeats the input's name. */
    static String reason(Throwable e, String name) {
        String r = reason(e);
        return r.startsWith(name + ": ") ? r.substring(name.length() + 2) : r;
    }

    static String reason(Throwable e) {
        if (e instanceof FileNotFoundException) {
            return "not found";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); give executors more memory or lower classsr.input.max-pixels";
        }
        String m = e.getMessage();
        if (e instanceof ImageException && m != null) {
            return m;
        }
        return m == null || m.isBlank() ? e.toString() : m.replace('\n', ' ').replace('\t', ' ');
    }
}
