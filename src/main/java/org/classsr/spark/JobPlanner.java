package org.classsr.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.classsr.archive.ArchiveLimits;
import org.classsr.image.ImageFiles;

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
        InputLister.Listing listing = InputLister.list(request.inputs(), hadoop,
                ArchiveLimits.forPixels(request.maxPixels()));
        listing.missing().forEach((input, reason) -> failures.put(input, Failures.at(Failures.LIST, reason)));
        Map<String, String> names = InputLister.outputNames(listing.files(), request.format());
        Set<String> committed = request.overwrite() ? Set.of() : committed(output, hadoop);
        List<ImagePlan> plans = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            String stem = ImageFiles.stem(e.getValue());
            String mapName = stem + "_classmap.png";
            // Done means every requested output exists; a missing class map redoes the image.
            if (committed.contains(e.getValue()) && (!request.classMap() || committed.contains(mapName))) {
                skipped.add(e.getKey());
                continue;
            }
            String map = request.classMap() ? output + "/" + mapName : null;
            plans.add(new ImagePlan(plans.size(), e.getKey(), stem, output + "/" + e.getValue(), map, 0, 0, null,
                    listing.members().get(e.getKey())));
        }
        return new Plan(plans, skipped);
    }

    /**
     * The paths, relative to the output folder, of the files under it (none when it does not exist
     * yet): archive members are written in their folders. One recursive listing (on S3 a flat LIST).
     */
    static Set<String> committed(String output, Configuration hadoop) throws IOException {
        Path folder = new Path(output);
        FileSystem fs = folder.getFileSystem(hadoop);
        Set<String> names = new HashSet<>();
        String root;
        try {
            root = fs.getFileStatus(folder).getPath().toUri().getPath().replaceAll("/+$", "") + "/";
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
            while (files.hasNext()) {
                String path = files.next().getPath().toUri().getPath();
                names.add(path.startsWith(root) ? path.substring(root.length()) : new Path(path).getName());
            }
        } catch (FileNotFoundException e) {
            return names;
        }
        return names;
    }
}
