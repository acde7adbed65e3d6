package org.classsr.archive;

import java.io.Serializable;

/**
 * Where one member lies in its archive, as the driver's listing found it: enough for a task to
 * read it without listing the archive again.
 *
 * @param archive the archive's URI (file:, s3a:, hdfs:, ...)
 * @param kind how the archive is read
 * @param path the member's path inside the archive ({@code DIR/0001.png}), checked to stay relative
 * @param offset zip: its local header's offset; tar: its data's offset; tar.gz: its ordinal among the entries
 * @param storedSize bytes as stored in the archive (compressed for deflated zip members)
 * @param size uncompressed bytes as declared
 * @param method zip compression method (0 stored, 8 deflated); 0 for tar
 * @param crc zip CRC-32 of the uncompressed bytes; -1 when the format has none
 */
public record ArchiveMember(String archive, ArchiveKind kind, String path, long offset, long storedSize, long size,
        int method, long crc) implements Serializable {

    /** The input's name in reports and failures: {@code ARCHIVE!/PATH}. */
    public String name() {
        return archive + ArchiveKind.SEPARATOR + path;
    }
}
