package org.classsr.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
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
final class TempSweeper {

    private TempSweeper() {
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
