package org.classsr.spark;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output written over time (band by band) under a hidden temporary name and committed by a
 * rename; see {@link HadoopFiles} for what is atomic on which file system. Not committed means
 * removed: {@link #abortIfOpen()} deletes the temporary object.
 */
final class StreamingOutput {

    private final FileSystem fs;
    private final Path target;
    private final Path temp;
    private final FSDataOutputStream out;
    private boolean done;

    StreamingOutput(String uri, Configuration conf) throws IOException {
        this.target = new Path(uri);
        this.fs = HadoopFiles.forWriting(target.getFileSystem(conf));
        this.temp = HadoopFiles.tempFor(target);
        this.out = fs.create(temp, true);
    }

    OutputStream stream() {
        return out;
    }

    /** Closes the stream (on S3A: completes the upload) and renames the object into place. */
    void commit() throws IOException {
        out.close();
        HadoopFiles.moveInto(fs, temp, target);
        done = true;
    }

    /** After a failure: closes and deletes the temporary object. Does nothing once committed. */
    void abortIfOpen() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // Failing already; the first error is the one reported.
        }
        try {
            fs.delete(temp, false);
        } catch (IOException ignored) {
            // As above.
        }
    }
}
