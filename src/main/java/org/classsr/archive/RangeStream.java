package org.classsr.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Exactly {@code length} bytes of an archive from where the stream stands; an archive that ends
 * sooner is reported as truncated. Optionally one zero byte more, which a raw inflater may need
 * to see its end (as java.util.zip.ZipFile does).
 */
final class RangeStream extends ReadThroughStream {

    private long left;
    private boolean dummy;

    RangeStream(InputStream in, long length, boolean dummyByte) {
        super(in);
        this.left = length;
        this.dummy = dummyByte;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (left == 0) {
            if (dummy) {
                dummy = false;
                b[off] = 0;
                return 1;
            }
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new ArchiveException("truncated archive: the member's data stops " + left + " bytes short");
        }
        left -= n;
        return n;
    }
}
