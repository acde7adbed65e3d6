package org.classsr.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * A member's uncompressed bytes, counted as they come: more than declared, over the byte limit or
 * past the ratio limit stops the read (a bomb never fills memory); at the end the count and, for
 * zip, the CRC-32 must match what the archive declared.
 */
final class CheckedStream extends ReadThroughStream {

    private final ArchiveMember member;
    private final ArchiveLimits limits;
    private final CRC32 crc = new CRC32();
    private long count;
    private boolean checked;

    CheckedStream(InputStream in, ArchiveMember member, ArchiveLimits limits) {
        super(in);
        this.member = member;
        this.limits = limits;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (ZipException e) {
            throw new ArchiveException("corrupt member (deflate data: " + ZipIndex.oneLine(e) + ")", e);
        } catch (java.io.EOFException e) {
            throw new ArchiveException("corrupt or truncated member (its compressed data ends early)", e);
        }
        if (n < 0) {
            finish();
            return n;
        }
        count += n;
        crc.update(b, off, n);
        if (count > member.size()) {
            throw new ArchiveException(String.format("member yields more than the %,d bytes it declares: refused"
                    + " (corrupt, or a zip bomb)", member.size()));
        }
        limits.checkSize(count, "yields");
        limits.checkRatio(count, member.storedSize(), "yields");
        return n;
    }

    private void finish() throws ArchiveException {
        if (checked) {
            return;
        }
        checked = true;
        if (count != member.size()) {
            throw new ArchiveException(String.format("corrupt member: %,d bytes instead of the %,d declared", count,
                    member.size()));
        }
        if (member.crc() >= 0 && crc.getValue() != member.crc()) {
            throw new ArchiveException(String.format("corrupt member: CRC-32 %08x instead of %08x", crc.getValue(),
                    member.crc()));
        }
    }
}
