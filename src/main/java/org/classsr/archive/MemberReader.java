package org.classsr.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads one member where the listing found it: zip and tar by offset (a seek, then a ranged read
 * of the member's bytes only), tar.gz by streaming up to it. Every byte is counted against the
 * limits and checked against the declared size and CRC.
 */
public final class MemberReader {

    private static final int LOCAL_HEADER = 30;
    private static final int LOCAL_SIGNATURE = 0x04034b50;

    private MemberReader() {
    }

    /** All of the member's bytes. */
    public static byte[] readAll(ArchiveMember member, Configuration conf, ArchiveLimits limits) throws IOException {
        limits.checkDeclared(member.size(), member.storedSize());
        if (member.kind() == ArchiveKind.TGZ) {
            try (TgzReader reader = new TgzReader(member.archive(), conf, limits)) {
                return reader.read(member);
            } catch (ArchiveException e) {
                throw e;
            } catch (IOException e) {
                throw new ArchiveException(TgzReader.reason(e), e);
            }
        }
        try (InputStream in = open(member, conf, limits)) {
            return readChecked(in, member);
        }
    }

    /** The member's first {@code n} bytes (its header, for probing), decompressing no more than needed. */
    public static byte[] head(ArchiveMember member, Configuration conf, ArchiveLimits limits, int n) throws IOException {
        limits.checkDeclared(member.size(), member.storedSize());
        if (member.kind() == ArchiveKind.TGZ) {
            return readAll(member, conf, limits);
        }
        try (InputStream in = open(member, conf, limits)) {
            return in.readNBytes(n);
        }
    }

    /** Reads to the end, so that the size and CRC checks run. */
    static byte[] readChecked(InputStream in, ArchiveMember member) throws IOException {
        byte[] bytes = in.readNBytes((int) member.size());
        if (in.read() >= 0 || bytes.length < member.size()) {
            throw new ArchiveException(String.format("corrupt member: not the %,d bytes it declares", member.size()));
        }
        return bytes;
    }

    private static InputStream open(ArchiveMember member, Configuration conf, ArchiveLimits limits) throws IOException {
        Path path = new Path(member.archive());
        FileSystem fs = path.getFileSystem(conf);
        FSDataInputStream in = fs.open(path);
        try {
            long data = member.offset();
            if (member.kind() == ArchiveKind.ZIP) {
                data = zipDataOffset(in, member.offset());
            }
            in.seek(data);
            boolean deflated = member.method() == ZipIndex.DEFLATED;
            InputStream raw = new RangeStream(in, member.storedSize(), deflated);
            InputStream body = deflated ? new InflaterInputStream(raw, new Inflater(true), 1 << 16) : raw;
            return new CheckedStream(body, member, limits);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Where a zip member's data starts: after its local header, whose name and extra lengths may differ from the central directory's. */
    private static long zipDataOffset(FSDataInputStream in, long headerOffset) throws IOException {
        byte[] h = new byte[LOCAL_HEADER];
        try {
            in.readFully(headerOffset, h);
        } catch (java.io.EOFException e) {
            throw new ArchiveException("truncated archive: the member's local header at byte " + headerOffset
                    + " is past the end", e);
        }
        if (le(h, 0, 4) != LOCAL_SIGNATURE) {
            throw new ArchiveException("corrupt archive: no local header at byte " + headerOffset);
        }
        return headerOffset + LOCAL_HEADER + le(h, 26, 2) + le(h, 28, 2);
    }

    private static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
