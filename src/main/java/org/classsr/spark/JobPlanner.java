package org.classsr.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's plan of a job, names only (no file is opened): the inputs listed, each input's
 * output name, and the inputs whose output is already committed, found with one listing of the
 * output folder rather than one existence check per input (on S3 a LIST per 1,000 keys instead
 * of a HEAD request per input: for an archive of many thousands of images that is the
 * difference between seconds and many minutes of driver time).
 */
final class JobPlanner {

    /** The images to upscale (sizes unknown until probed) and the inputs skipped as already written. */
    record Plan(List<ImagePlan> images, List<String> skipped) {
    }

    private JobPlanner() {
    }

    /** Plans {@code request} into {@code output} (a qualified URI); refused and missing inputs go to {@code failures}. */
    static Plan plan(JobRequest request, String output, Configuration hadoop, Map<String, String> failures)
            throws IOException {
        InputLister.Listing listing = InputLister.list(request.inputs(), hadoop);
        failures.putAll(listing.missing());
        Map<String, String> names = InputLister.outputNames(listing.files(), request.format(), failures);
        Set<String> committed = request.overwrite() ? Set.of() : committed(output, hadoop);
        List<ImagePlan> plans = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (committed.contains(e.getValue())) {
                skipped.add(e.getKey());
                continue;
            }
            String stem = InputLister.stem(e.getValue());
            String map = request.classMap() ? output + "/" + stem + "_classmap.png" : null;
            plans.add(new ImagePlan(plans.size(), e.getKey(), stem, output + "/" + e.getValue(), map, 0, 0, null));
        }
        return new Plan(plans, skipped);
    }

    /** The names of the files directly in the output folder (none when it does not exist yet). */
    static Set<String> committed(String output, Configuration hadoop) throws IOException {
        Path folder = new Path(output);
        FileSystem fs = folder.getFileSystem(hadoop);
        Set<String> names = new HashSet<>();
        try {
            for (FileStatus s : fs.listStatus(folder)) {
                if (s.isFile()) {
                    names.add(s.getPath().getName());
                }
            }
        } catch (FileNotFoundException e) {
            return names;
        }
        return names;
    }
}
