package org.classsr.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A zip's members from its central directory alone (read once, on the driver, in a few ranged
 * reads at the archive's end): names, local header offsets, sizes, methods. No member is read.
 */
final class ZipIndex {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    private ZipIndex() {
    }

    static ArchiveListing list(String uri, Configuration conf, ArchiveLimits limits, Set<String> extensions) {
        List<ArchiveMember> members = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(path);
            // The local headers are read by the tasks that need them, not here.
            try (HadoopChannel channel = new HadoopChannel(fs.open(path), status.getLen());
                    ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(true).get()) {
                for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                    if (e.isDirectory() || e.isUnixSymlink()) {
                        continue;
                    }
                    String relative = MemberPaths.input(uri, e.getName(), extensions, refused);
                    if (relative == null) {
                        continue;
                    }
                    String name = uri + ArchiveKind.SEPARATOR + relative;
                    String reason = refusal(e, limits);
                    if (reason != null) {
                        refused.put(name, reason);
                        continue;
                    }
                    members.add(new ArchiveMember(uri, ArchiveKind.ZIP, relative, e.getLocalHeaderOffset(),
                            e.getCompressedSize(), e.getSize(), e.getMethod(), e.getCrc()));
                }
            }
        } catch (IOException | RuntimeException e) {
            refused.put(uri, "not a readable zip (" + oneLine(e) + "); a truncated zip has lost its central"
                    + " directory, so none of its members can be found");
            return new ArchiveListing(List.of(), refused);
        }
        members.sort(Comparator.comparing(ArchiveMember::path));
        return new ArchiveListing(members, refused);
    }

    private static String refusal(ZipArchiveEntry e, ArchiveLimits limits) {
        if (e.getGeneralPurposeBit().usesEncryption() || e.getGeneralPurposeBit().usesStrongEncryption()) {
            return "encrypted member; encrypted zips are not supported";
        }
        if (e.getMethod() != STORED && e.getMethod() != DEFLATED) {
            return "compression method " + e.getMethod() + " (" + methodName(e.getMethod())
                    + ") is not supported; only stored (0) and deflated (8) members are read";
        }
        if (e.getSize() < 0 || e.getCompressedSize() < 0) {
            return "member declares no size; not supported";
        }
        try {
            limits.checkDeclared(e.getSize(), e.getCompressedSize());
        } catch (ArchiveException refusal) {
            return refusal.getMessage();
        }
        return null;
    }

    private static String methodName(int method) {
        return switch (method) {
            case 1 -> "shrunk";
            case 6 -> "imploded";
            case 9 -> "deflate64";
            case 12 -> "bzip2";
            case 14 -> "LZMA";
            case 93 -> "zstd";
            case 95 -> "xz";
            case 99 -> "AES-encrypted";
            default -> "unknown";
        };
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replace('\n', ' ').replace('\t', ' ');
    }
}
