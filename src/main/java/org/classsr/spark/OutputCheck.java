package org.classsr.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's check that the output folder can be written, before any work: an unwritable
 * output is one failure of the job (one clear line), not one failure per image after all the
 * compute is spent.
 */
final class OutputCheck {

    private OutputCheck() {
    }

    /** Creates the folder and writes and deletes one hidden temporary in it. */
    static void writable(String folder, Configuration conf) {
        Path dir = new Path(folder);
        try {
            FileSystem fs = HadoopFiles.forWriting(dir.getFileSystem(conf));
            if (!fs.mkdirs(dir)) {
                throw new IOException("cannot create the folder");
            }
            Path probe = HadoopFiles.tempFor(new Path(dir, "write-check"));
            try (FSDataOutputStream out = fs.create(probe, true)) {
                out.write(0);
            }
            fs.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("output " + folder + " is not writable: " + Failures.reason(e), e);
        }
    }
}
