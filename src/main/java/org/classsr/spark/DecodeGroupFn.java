package org.classsr.spark;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.classsr.archive.ArchiveLimits;
import org.classsr.archive.TgzReader;

/**
 * On an executor: the tiles of one task's inputs ({@link PlanGroups}), input after input, each
 * decoded only when the previous one's tiles are consumed ({@link DecodeTilesFn}). A tar.gz's
 * members are handed on as its one stream reaches them, so one decoded image is held at a time.
 */
public final class DecodeGroupFn implements FlatMapFunction<List<ImagePlan>, TileRecord> {

    private final StageSettings settings;

    public DecodeGroupFn(StageSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<TileRecord> call(List<ImagePlan> group) {
        DecodeTilesFn decode = new DecodeTilesFn(settings);
        if (!PlanGroups.streamed(group)) {
            return new Concat(group, decode, null);
        }
        Stream stream = new Stream(group.get(0).member().archive(), ArchiveLimits.forPixels(settings.maxPixels()));
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> stream.close()); // a task that stops early still closes it
        }
        return new Concat(group, decode, stream);
    }

    /** The tiles of each input in turn; the stream (if any) is closed after the last. */
    private static final class Concat extends PartIterator<TileRecord> {
        private final List<ImagePlan> group;
        private final DecodeTilesFn decode;
        private final Stream stream;
        private int next;

        Concat(List<ImagePlan> group, DecodeTilesFn decode, Stream stream) {
            this.group = group;
            this.decode = decode;
            this.stream = stream;
        }

        @Override
        protected Iterator<TileRecord> nextPart() {
            if (next == group.size()) {
                return null;
            }
            ImagePlan plan = group.get(next++);
            return stream == null ? decode.call(plan) : decode.tiles(plan, () -> stream.read(plan));
        }

        @Override
        protected void ended() {
            if (stream != null) {
                stream.close();
            }
        }
    }

    /** A tar.gz opened on first use. */
    private static final class Stream {
        private final String archive;
        private final ArchiveLimits limits;
        private TgzReader reader;

        Stream(String archive, ArchiveLimits limits) {
            this.archive = archive;
            this.limits = limits;
        }

        byte[] read(ImagePlan plan) throws IOException {
            if (reader == null) {
                reader = new TgzReader(archive, HadoopFiles.conf(), limits);
            }
            return reader.read(plan.member());
        }

        void close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // Read-only: nothing is lost.
                }
                reader = null;
            }
        }
    }
}
