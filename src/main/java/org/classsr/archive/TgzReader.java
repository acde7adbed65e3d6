package org.classsr.archive;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A tar.gz read front to back, once: a gzip stream cannot be entered in the middle, so its members
 * are handed on in archive order to whoever asks ({@link #read}) and skipped otherwise. The whole
 * stream's ratio (uncompressed tar bytes per compressed byte) is held to the limit as it goes.
 */
public final class TgzReader implements Closeable {

    private final String uri;
    private final ArchiveLimits limits;
    private final Counting compressed;
    private final TarArchiveInputStream tar;
    private TarArchiveEntry entry;
    private int ordinal = -1;

    public TgzReader(String uri, Configuration conf, ArchiveLimits limits) throws IOException {
        this.uri = uri;
        this.limits = limits;
        Path path = new Path(uri);
        this.compressed = new Counting(path.getFileSystem(conf).open(path));
        try {
            this.tar = new TarArchiveInputStream(new GZIPInputStream(compressed, 1 << 16));
        } catch (IOException e) {
            compressed.close();
            throw new ArchiveException("not a readable tar.gz (" + ZipIndex.oneLine(e) + ")", e);
        }
    }

    /** Moves to the next regular file (any name) and returns its raw name, or null at the end. */
    String next() throws IOException {
        while (true) {
            entry = tar.getNextEntry();
            if (entry == null) {
                return null;
            }
            ordinal++;
            limits.checkRatio(tar.getBytesRead(), compressed.count, "the tar.gz stream so far yields");
            if (entry.isFile()) {
                return entry.getName();
            }
        }
    }

    int ordinal() {
        return ordinal;
    }

    long size() {
        return entry.getSize();
    }

    /**
     * The bytes of {@code member}, skipping what lies before it. Members must be asked for in
     * archive order (ascending {@link ArchiveMember#offset()}, the ordinal).
     */
    public byte[] read(ArchiveMember member) throws IOException {
        if (member.offset() <= ordinal) {
            throw new IllegalStateException("members of a tar.gz must be read in archive order: " + member.path());
        }
        while (ordinal < member.offset()) {
            if (next() == null) {
                throw new ArchiveException("member not found in the archive (changed since it was listed?)");
            }
        }
        if (!entry.isFile()) {
            throw new ArchiveException("member not found in the archive (changed since it was listed?)");
        }
        return MemberReader.readChecked(new CheckedStream(new FilterInputStream(tar) {
            @Override
            public void close() {
                // The archive stays open for the members after this one.
            }
        }, member, limits), member);
    }

    /** One line naming what went wrong while streaming; a gzip stream cut short is a truncated archive. */
    static String reason(IOException e) {
        String m = ZipIndex.oneLine(e);
        if (e instanceof java.io.EOFException || m.contains("Truncated") || m.contains("Unexpected end")) {
            return "truncated archive (" + m + ")";
        }
        return m;
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /** Counts the compressed bytes read, for the stream's ratio. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            count += Math.max(s, 0);
            return s;
        }
    }
}
