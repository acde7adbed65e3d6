package org.classsr.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes one shard (see {@link ShardFormat}) to a temporary name and moves it into place on
 * {@link #finish()}, so a shard under its real name is always complete.
 */
final class ShardWriter implements AutoCloseable {

    private final ShardFormat format;
    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final MessageDigest sha;
    private final ByteBuffer record;
    private int count;
    private boolean finished;

    ShardWriter(Path target, ShardFormat format) throws IOException {
        this.format = format;
        this.target = target;
        this.tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.record = ByteBuffer.allocate(format.recordBytes()).order(ByteOrder.BIG_ENDIAN);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        channel.write(format.header(0));
    }

    /** Adds an unlabelled record (the format must be unlabelled). */
    void add(Sample s) throws IOException {
        add(s, null);
    }

    /** Adds a record; {@code label} is required by a labelled format and refused by an unlabelled one. */
    void add(Sample s, SampleLabel label) throws IOException {
        if ((label != null) != format.labeled()) {
            throw new IllegalArgumentException(format.labeled() ? "a labelled shard needs a label for every sample"
                    : "an unlabelled shard takes no labels");
        }
        if (s.hr().length != format.hrBytes() || s.lr().length != format.lrBytes()) {
            throw new IllegalArgumentException("sample sizes " + s.hr().length + "/" + s.lr().length
                    + " do not fit " + format);
        }
        record.clear();
        record.putInt(s.image()).putInt(s.x()).putInt(s.y()).put(s.hr()).put(s.lr());
        if (label != null) {
            record.putInt(label.cls()).putFloat(label.psnrY());
        }
        record.flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        count++;
    }

    int count() {
        return count;
    }

    /** Patches the count into the header, syncs, and moves the file into place; returns its SHA-256. */
    String finish() throws IOException {
        channel.write(format.header(count), 0);
        channel.force(true);
        channel.close();
        finished = true;
        try (FileChannel in = FileChannel.open(tmp, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (in.read(buf) > 0) {
                buf.flip();
                sha.update(buf);
                buf.clear();
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public void close() {
        if (!finished) {
            try {
                channel.close();
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
