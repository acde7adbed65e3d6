package org.classsr.archive;

import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** Lists an archive's image members (names, offsets, sizes; never their pixels). */
public final class ArchiveIndex {

    private ArchiveIndex() {
    }

    /**
     * The members of {@code uri} whose names end in one of {@code extensions} (hidden names and
     * folders skipped, as in a folder), sorted by path except in a tar.gz (archive order), and the
     * members or archive refused with one line each.
     */
    public static ArchiveListing list(String uri, Configuration conf, ArchiveLimits limits, Set<String> extensions) {
        ArchiveKind kind = ArchiveKind.of(uri);
        if (kind == null) {
            throw new IllegalArgumentException("not an archive: " + uri);
        }
        return switch (kind) {
            case ZIP -> ZipIndex.list(uri, conf, limits, extensions);
            case TAR -> TarIndex.list(uri, conf, limits, extensions);
            case TGZ -> TgzIndex.list(uri, conf, limits, extensions);
        };
    }
}
