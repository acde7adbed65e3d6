package org.classsr.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An uncompressed tar's members by walking its 512-byte headers with positioned reads, jumping
 * over the data: one small read per member, on the driver. GNU long names and PAX paths are
 * followed. A member whose data runs past the archive's end is reported as truncated; the members
 * before it stay usable.
 */
final class TarIndex {

    static final int BLOCK = 512;
    /** GNU long-name and PAX header payloads larger than this are not names. */
    private static final int MAX_EXTENDED_HEADER = 1 << 20;

    private TarIndex() {
    }

    static ArchiveListing list(String uri, Configuration conf, ArchiveLimits limits, Set<String> extensions) {
        List<ArchiveMember> members = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        Path path = new Path(uri);
        String last = null;
        try {
            FileSystem fs = path.getFileSystem(conf);
            long length = fs.getFileStatus(path).getLen();
            try (FSDataInputStream in = fs.open(path)) {
                byte[] header = new byte[BLOCK];
                long pos = 0;
                String longName = null;
                while (pos < length) {
                    if (pos + BLOCK > length) {
                        refused.put(uri, "truncated archive: it ends inside a header" + after(last));
                        break;
                    }
                    in.readFully(pos, header);
                    if (allZero(header)) {
                        break; // the end-of-archive blocks
                    }
                    if (!TarUtils.verifyCheckSum(header)) {
                        refused.put(uri, "corrupt archive: bad header checksum at byte " + pos + after(last)
                                + "; the members after it cannot be found");
                        break;
                    }
                    TarArchiveEntry e = new TarArchiveEntry(header);
                    long data = pos + BLOCK;
                    long size = e.getSize();
                    if (e.isGNULongNameEntry() || e.isPaxHeader() || e.isGlobalPaxHeader()) {
                        if (size > MAX_EXTENDED_HEADER || data + size > length) {
                            refused.put(uri, "corrupt or truncated archive: extended header at byte " + pos + after(last));
                            break;
                        }
                        byte[] payload = new byte[(int) size];
                        in.readFully(data, payload);
                        if (e.isGNULongNameEntry()) {
                            longName = cString(payload);
                        } else if (e.isPaxHeader()) {
                            String p = paxValue(payload, "path");
                            longName = p != null ? p : longName;
                        }
                        pos = data + padded(size);
                        continue;
                    }
                    String raw = longName != null ? longName : e.getName();
                    longName = null;
                    pos = data + padded(size);
                    if (!e.isFile()) {
                        continue;
                    }
                    last = raw;
                    String relative = MemberPaths.input(uri, raw, extensions, refused);
                    if (relative == null) {
                        continue;
                    }
                    String name = uri + ArchiveKind.SEPARATOR + relative;
                    if (data + size > length) {
                        refused.put(name, String.format("truncated archive: the member needs %,d bytes, the archive"
                                + " ends %,d bytes into it", size, length - data));
                        break;
                    }
                    try {
                        limits.checkDeclared(size, size);
                    } catch (ArchiveException refusal) {
                        refused.put(name, refusal.getMessage());
                        continue;
                    }
                    members.add(new ArchiveMember(uri, ArchiveKind.TAR, relative, data, size, size, 0, -1));
                }
            }
        } catch (IOException | RuntimeException e) {
            refused.put(uri, "not a readable tar (" + ZipIndex.oneLine(e) + ")" + after(last));
        }
        members.sort(Comparator.comparing(ArchiveMember::path));
        return new ArchiveListing(members, refused);
    }

    private static String after(String member) {
        return member == null ? "" : " (after member " + member + ")";
    }

    static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** One value of a PAX header: records of the form "LENGTH key=value\n". */
    static String paxValue(byte[] payload, String key) {
        String text = new String(payload, StandardCharsets.UTF_8);
        for (String record : text.split("\n")) {
            int space = record.indexOf(' ');
            int eq = record.indexOf('=');
            if (space > 0 && eq > space && record.substring(space + 1, eq).equals(key)) {
                return record.substring(eq + 1);
            }
        }
        return null;
    }
}
