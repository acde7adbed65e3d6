package org.classsr.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * A tar.gz's members, found by reading the stream through once on the driver (the data is
 * decompressed but not kept). Members keep archive order, the order a task reads them in.
 */
final class TgzIndex {

    private TgzIndex() {
    }

    static ArchiveListing list(String uri, Configuration conf, ArchiveLimits limits, Set<String> extensions) {
        List<ArchiveMember> members = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        String current = null;
        try (TgzReader reader = new TgzReader(uri, conf, limits)) {
            String raw;
            while ((raw = reader.next()) != null) {
                current = uri + ArchiveKind.SEPARATOR + raw;
                String relative = MemberPaths.input(uri, raw, extensions, refused);
                if (relative == null) {
                    continue;
                }
                current = uri + ArchiveKind.SEPARATOR + relative;
                try {
                    limits.checkDeclared(reader.size(), reader.size());
                } catch (ArchiveException refusal) {
                    refused.put(current, refusal.getMessage());
                    continue;
                }
                members.add(new ArchiveMember(uri, ArchiveKind.TGZ, relative, reader.ordinal(), reader.size(),
                        reader.size(), 0, -1));
            }
        } catch (IOException | RuntimeException e) {
            // The stream broke while skipping the last member seen: that member is the one cut.
            String reason = e instanceof IOException io ? TgzReader.reason(io) : ZipIndex.oneLine(e);
            if (!members.isEmpty() && current != null && current.equals(members.get(members.size() - 1).name())) {
                members.remove(members.size() - 1);
                refused.put(current, reason);
            } else {
                refused.put(uri, "not a readable tar.gz (" + reason + ")");
            }
        }
        return new ArchiveListing(members, refused);
    }
}
