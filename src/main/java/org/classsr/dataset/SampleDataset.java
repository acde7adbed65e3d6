package org.classsr.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a dataset folder (index.json + shards): random access to sample {@code i} by one
 * positional read, or a stream of all samples in order. Thread-safe (positional reads only).
 */
public final class SampleDataset implements AutoCloseable, Iterable<Sample> {

    private final Path folder;
    private final DatasetIndex index;
    private final ShardFormat format;
    private final FileChannel[] channels;
    /** starts[k] = index of the first sample of shard k; starts[shards] = size. */
    private final long[] starts;

    private SampleDataset(Path folder, DatasetIndex index, FileChannel[] channels, long[] starts) {
        this.folder = folder;
        this.index = index;
        this.format = index.shardFormat();
        this.channels = channels;
        this.starts = starts;
    }

    /** Opens a dataset folder and checks every shard header against the index. */
    public static SampleDataset open(Path folder) {
        DatasetIndex index = DatasetIndex.read(folder);
        ShardFormat format = index.shardFormat();
        List<FileChannel> opened = new ArrayList<>();
        long[] starts = new long[index.shards().size() + 1];
        try {
            for (int k = 0; k < index.shards().size(); k++) {
                DatasetIndex.Shard shard = index.shards().get(k);
                Path file = folder.resolve(shard.file());
                FileChannel c = FileChannel.open(file, StandardOpenOption.READ);
                opened.add(c);
                ByteBuffer header = ByteBuffer.allocate(ShardFormat.HEADER_BYTES);
                c.read(header, 0);
                int count = format.checkHeader(header.flip(), file.toString());
                long expectedSize = ShardFormat.HEADER_BYTES + (long) count * format.recordBytes();
                if (count != shard.samples() || c.size() != expectedSize) {
                    throw new IllegalArgumentException(file + ": " + count + " records in " + c.size()
                            + " bytes, index says " + shard.samples() + " (truncated or replaced shard?)");
                }
                starts[k + 1] = starts[k] + count;
            }
            if (starts[starts.length - 1] != index.samples()) {
                throw new IllegalArgumentException(folder + ": shards hold " + starts[starts.length - 1]
                        + " samples, index says " + index.samples());
            }
            return new SampleDataset(folder, index, opened.toArray(new FileChannel[0]), starts);
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException(folder + ": cannot read dataset: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    public Path folder() {
        return folder;
    }

    public DatasetIndex index() {
        return index;
    }

    public ShardFormat format() {
        return format;
    }

    public int size() {
        return Math.toIntExact(index.samples());
    }

    /** Sample {@code i}, freshly allocated. */
    public Sample get(int i) {
        byte[] hr = new byte[format.hrBytes()];
        byte[] lr = new byte[format.lrBytes()];
        int[] where = read(i, hr, lr);
        return new Sample(where[0], where[1], where[2], hr, lr);
    }

    /** Whether the samples carry labels ({@code classsr dataset --label-with}; see {@link DatasetIndex#labels()}). */
    public boolean labeled() {
        return format.labeled();
    }

    /** The label of sample {@code i}; only in a labelled dataset. */
    public SampleLabel label(int i) {
        if (!labeled()) {
            throw new IllegalStateException(folder + " has no labels (make it with `classsr dataset --label-with MODEL`)");
        }
        int shard = shardOf(i);
        long pos = position(shard, i) + ShardFormat.RECORD_HEADER_BYTES + format.hrBytes() + format.lrBytes();
        ByteBuffer b = ByteBuffer.allocate(ShardFormat.LABEL_BYTES).order(ByteOrder.BIG_ENDIAN);
        try {
            readFully(channels[shard], b, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot read the label of sample " + i + ": " + e.getMessage(), e);
        }
        b.flip();
        return new SampleLabel(b.getInt(), b.getFloat());
    }

    private int shardOf(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size());
        }
        int k = Arrays.binarySearch(starts, i);
        int shard = k >= 0 ? k : -k - 2;
        while (starts[shard + 1] == starts[shard]) {
            shard++; // skip empty shards
        }
        return shard;
    }

    private long position(int shard, int i) {
        return ShardFormat.HEADER_BYTES + (i - starts[shard]) * (long) format.recordBytes();
    }

    /**
     * Reads sample {@code i}'s pixels into the given arrays.
     *
     * @return {image, x, y}
     */
    public int[] read(int i, byte[] hr, byte[] lr) {
        int shard = shardOf(i);
        long pos = position(shard, i);
        ByteBuffer head = ByteBuffer.allocate(ShardFormat.RECORD_HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
        try {
            readFully(channels[shard], head, pos);
            readFully(channels[shard], ByteBuffer.wrap(hr), pos + ShardFormat.RECORD_HEADER_BYTES);
            readFully(channels[shard], ByteBuffer.wrap(lr), pos + ShardFormat.RECORD_HEADER_BYTES + hr.length);
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot read sample " + i + ": " + e.getMessage(), e);
        }
        head.flip();
        return new int[] {head.getInt(), head.getInt(), head.getInt()};
    }

    private static void readFully(FileChannel c, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = c.read(b, pos + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of shard");
            }
        }
    }

    /** All samples in order. */
    @Override
    public Iterator<Sample> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Sample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return get(next++);
            }
        };
    }

    @Override
    public void close() {
        closeAll(Arrays.asList(channels));
    }

    private static void closeAll(List<FileChannel> cs) {
        for (FileChannel c : cs) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a read-only channel: nothing to lose
            }
        }
    }
}
