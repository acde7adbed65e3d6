package org.classsr.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Removes the hidden temporaries ({@link HadoopFiles#TEMP_PREFIX}) that killed tasks or crashed
 * runs left in an output folder, once a job has finished: this run's own (its tag, see
 * {@link HadoopFiles#runTag()}; every task is over, so none is still being written) and any older
 * than this job's start (an earlier run's). A temporary of another run that started after this
 * one is kept: it may still be in use. Only the output folder itself is swept, never other folders.
 */
final class TempSweeper implements AutoCloseable {

    private final String folder;
    private final Configuration conf;
    private final long jobStartMillis;
    private final PrintWriter log;

    /** Sweeps {@code folder} when closed, for the run of this JVM's Spark application. */
    TempSweeper(String folder, Configuration conf, long jobStartMillis, PrintWriter log) {
        this.folder = folder;
        this.conf = conf;
        this.jobStartMillis = jobStartMillis;
        this.log = log;
    }

    /** Sweeps; a store that cannot be listed now only costs a line (the next run sweeps again). */
    @Override
    public void close() {
        try {
            int removed = sweep(folder, conf, HadoopFiles.runTag(), jobStartMillis);
            if (log != null && removed > 0) {
                log.printf("classsr: removed %d stale temporaries (%s*) from %s%n", removed, HadoopFiles.TEMP_PREFIX,
                        folder);
            }
        } catch (IOException | RuntimeException e) {
            if (log != null) {
                log.printf("classsr: could not remove stale temporaries from %s: %s%n", folder, Failures.reason(e));
            }
        }
        if (log != null) {
            log.flush();
        }
    }

    /** Deletes the stale temporaries in {@code folder}; returns how many. */
    static int sweep(String folder, Configuration conf, String runTag, long jobStartMillis) throws IOException {
        Path dir = new Path(folder);
        FileSystem fs = HadoopFiles.forWriting(dir.getFileSystem(conf));
        FileStatus[] entries;
        try {
            entries = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return 0;
        }
        String own = HadoopFiles.TEMP_PREFIX + runTag + "-";
        int removed = 0;
        for (FileStatus f : entries) {
            String name = f.getPath().getName();
            if (!f.isFile() || !name.startsWith(HadoopFiles.TEMP_PREFIX)) {
                continue;
            }
            if ((name.startsWith(own) || f.getModificationTime() < jobStartMillis) && fs.delete(f.getPath(), false)) {
                removed++;
            }
        }
        return removed;
    }
}
