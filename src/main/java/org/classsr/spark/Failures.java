package org.classsr.spark;

import java.io.FileNotFoundException;
import java.util.List;
import org.classsr.image.ImageException;

/**
 * One line of reason for a failed input, without the input's name repeated where we can help it,
 * prefixed by the stage that failed ("decode: truncated PNG"), so that a reader of the failures
 * file knows where to look.
 */
final class Failures {

    static final String LIST = "list";
    static final String PROBE = "probe";
    static final String DECODE = "decode";
    static final String CLASSIFY = "classify";
    static final String SUPER_RESOLVE = "super-resolve";
    static final String STITCH = "stitch";
    static final String WRITE = "write";
    static final String CLASS_MAP = "class-map";
    static final String HR_METRICS = "hr-metrics";

    /** Every stage, in job order. */
    static final List<String> STAGES = List.of(LIST, PROBE, DECODE, CLASSIFY, SUPER_RESOLVE, STITCH, WRITE, CLASS_MAP,
            HR_METRICS);

    private Failures() {
    }

    /** "STAGE: reason". */
    static String at(String stage, String reason) {
        return stage + ": " + reason;
    }

    /** The stage a reason made by {@link #at} names, or "" for one without a stage. */
    static String stageOf(String reason) {
        int colon = reason.indexOf(": ");
        String stage = colon < 0 ? "" : reason.substring(0, colon);
        return STAGES.contains(stage) ? stage : "";
    }

    /** The reason without its stage. */
    static String withoutStage(String reason) {
        String stage = stageOf(reason);
        return stage.isEmpty() ? reason : reason.substring(stage.length() + 2);
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
        String m = e.getMessage();
        if (e instanceof ImageException && m != null) {
            return m;
        }
        return m == null || m.isBlank() ? e.toString() : m.replace('\n', ' ').replace('\t', ' ');
    }
}
