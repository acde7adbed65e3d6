package org.classsr.spark;

import java.io.Serializable;
import org.classsr.archive.ArchiveMember;

/**
 * One input image as the driver plans it: where it is read from and written to, and (after the
 * probe) its size. No pixels.
 *
 * @param id dense image number in this job
 * @param input the input's URI (file:, s3a:, hdfs:, ...)
 * @param name the output's base name (the input's file name without extension)
 * @param output the HR output's URI
 * @param classMap the class-map picture's URI, or null when not asked for
 * @param member where the input lies in its archive, or null for a plain file
 */
public record ImagePlan(int id, String input, String name, String output, String classMap, int width, int height,
        String format, ArchiveMember member) implements Serializable {

    /** A plan for a plain file (not an archive member). */
    public ImagePlan(int id, String input, String name, String output, String classMap, int width, int height,
            String format) {
        this(id, input, name, output, classMap, width, height, format, null);
    }

    public ImagePlan withSize(int w, int h, String fmt) {
        return new ImagePlan(id, input, name, output, classMap, w, h, fmt, member);
    }
}
