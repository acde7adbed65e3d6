package org.classsr.spark;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.classsr.archive.ArchiveLimits;
import org.classsr.archive.MemberReader;

/** An input's bytes on an executor, whether a file or an archive member (read by its offset). */
final class InputBytes {

    private InputBytes() {
    }

    static byte[] readAll(ImagePlan plan, Configuration conf, long maxPixels) throws IOException {
        if (plan.member() == null) {
            return HadoopFiles.readAll(plan.input(), conf);
        }
        return MemberReader.readAll(plan.member(), conf, ArchiveLimits.forPixels(maxPixels));
    }

    /** The first {@code n} bytes (the header), reading and decompressing no more than needed. */
    static byte[] head(ImagePlan plan, Configuration conf, int n, long maxPixels) throws IOException {
        if (plan.member() != null) {
            return MemberReader.head(plan.member(), conf, ArchiveLimits.forPixels(maxPixels), n);
        }
        Path path = new Path(plan.input());
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return in.readNBytes(n);
        }
    }
}
