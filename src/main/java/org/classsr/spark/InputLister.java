package org.classsr.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.classsr.archive.ArchiveIndex;
import org.classsr.archive.ArchiveKind;
import org.classsr.archive.ArchiveLimits;
import org.classsr.archive.ArchiveListing;
import org.classsr.archive.ArchiveMember;
import org.classsr.image.ImageFiles;

/**
 * The driver's listing of inputs (names and sizes only, never pixels): a file is taken as given
 * (so that a bad file is reported, not skipped); a folder or prefix contributes its image files,
 * recursively, sorted, skipping hidden names (".x", "_x"); an archive named as an input
 * contributes its image members ({@code data.zip!/DIR/0001.png}) from its index, never its data.
 */
public final class InputLister {


    private InputLister() {
    }

    /**
     * What the listing found: the inputs, the named inputs that do not exist (or archives and
     * members refused while listing), and where each archive member lies.
     */
    public record Listing(List<String> files, Map<String, String> missing, Map<String, ArchiveMember> members) {

        public Listing(List<String> files, Map<String, String> missing) {
            this(files, missing, Map.of());
        }
    }

    public static Listing list(List<String> inputs, Configuration conf) throws IOException {
        return list(inputs, conf, ArchiveLimits.forPixels(Long.MAX_VALUE));
    }

    /** As {@link #list(List, Configuration)}; a named .zip, .tar, .tar.gz or .tgz contributes its image members. */
    public static Listing list(List<String> inputs, Configuration conf, ArchiveLimits limits) throws IOException {
        List<String> files = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        Map<String, ArchiveMember> members = new LinkedHashMap<>();
        for (String input : inputs) {
            String uri = HadoopFiles.qualify(input);
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                missing.put(path.toString(), "not found");
                continue;
            }
            if (!status.isDirectory() && ArchiveKind.of(path.getName()) != null) {
                ArchiveListing archive = ArchiveIndex.list(status.getPath().toString(), conf, limits, ImageFiles.EXTENSIONS);
                for (ArchiveMember m : archive.members()) {
                    if (members.put(m.name(), m) == null) {
                        files.add(m.name());
                    }
                }
                missing.putAll(archive.refused());
                continue;
            }
            if (!status.isDirectory()) {
                files.add(status.getPath().toString());
                continue;
            }
            List<String> found = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (f.isFile() && !hidden(f.getPath(), path) && ImageFiles.isImage(f.getPath().getName())) {
                    found.add(f.getPath().toString());
                }
            }
            if (found.isEmpty()) {
                // A folder that yields nothing is a mistake (wrong prefix, wrong extension): say so
                // before any work rather than finish with nothing done.
                throw new IllegalArgumentException("no image files in " + path + " (looked for "
                        + String.join(", ", new java.util.TreeSet<>(ImageFiles.EXTENSIONS)) + ")");
            }
            found.sort(null);
            files.addAll(found);
        }
        return new Listing(files, missing, members);
    }

    /**
     * The output name of each input (stem + extension). Two inputs with one stem would write one
     * output (and one class map): refused by name before any work, as an argument error.
     */
    public static Map<String, String> outputNames(List<String> files, String format) {
        ImageFiles.requireDistinctOutputs(files, file -> ImageFiles.stem(outputPath(file)), file -> file);
        Map<String, String> names = new LinkedHashMap<>();
        for (String file : files) {
            String name = outputPath(file);
            String ext = "same".equals(format) ? ImageFiles.extension(name) : format;
            if (ext.isEmpty() || !ImageFiles.EXTENSIONS.contains(ext)) {
                ext = "png";
            }
            names.put(file, ImageFiles.stem(name) + "." + ext);
        }
        return names;
    }

    /** Where an input's output goes in the output folder: its file name; an archive member keeps its folders
     * (data.zip!/DIR/0001.png is written as DIR/0001.png). */
    private static String outputPath(String file) {
        return ArchiveKind.isMember(file) ? ArchiveKind.memberPath(file) : file.substring(file.lastIndexOf('/') + 1);
    }

    private static boolean hidden(Path file, Path root) {
        for (Path p = file; p != null && !p.equals(root) && p.depth() > root.depth(); p = p.getParent()) {
            String n = p.getName();
            if (n.startsWith(".") || n.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
