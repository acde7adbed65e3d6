package org.classsr.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A read-only channel over a Hadoop stream for Commons Compress, served from a block read with one
 * positioned read: the library reads a zip's central directory in pieces of a few dozen bytes,
 * which on S3A would each be a request.
 */
final class HadoopChannel implements SeekableByteChannel {

    private static final int BLOCK = 1 << 20;

    private final FSDataInputStream in;
    private final long size;
    private final byte[] block;
    private long blockStart = -1;
    private int blockLength;
    private long position;
    private boolean open = true;

    HadoopChannel(FSDataInputStream in, long size) {
        this.in = in;
        this.size = size;
        this.block = new byte[(int) Math.min(BLOCK, Math.max(size, 1))];
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            if (blockStart < 0 || position < blockStart || position >= blockStart + blockLength) {
                fill(position);
            }
            int from = (int) (position - blockStart);
            int n = Math.min(dst.remaining(), blockLength - from);
            dst.put(block, from, n);
            position += n;
            total += n;
        }
        return total;
    }

    private void fill(long at) throws IOException {
        int n = (int) Math.min(block.length, size - at);
        try {
            in.readFully(at, block, 0, n);
        } catch (EOFException e) {
            throw new EOFException("archive ends before its stated length (" + size + " bytes)");
        }
        blockStart = at;
        blockLength = n;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
