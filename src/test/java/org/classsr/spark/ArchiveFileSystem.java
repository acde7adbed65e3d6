package org.classsr.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A read-only Hadoop file system ({@code archive://bucket/}) that makes up a large archive from
 * three numbers instead of holding files: {@code /lr/dNN/img-NNNNN.png} ({@code archive.folders}
 * folders of {@code archive.per-folder} images each, plus a hidden file, a {@code _SUCCESS}
 * marker and a text file per folder), and {@code /out/} holding the outputs of the first
 * {@code archive.committed} images. It counts the calls a driver makes; opening a file fails
 * the test, as the driver must never read an image.
 */
public final class ArchiveFileSystem extends FileSystem {

    static final AtomicInteger LISTINGS = new AtomicInteger();
    static final AtomicInteger STATUS_CALLS = new AtomicInteger();
    static final AtomicInteger OPENS = new AtomicInteger();

    private URI uri;
    private int folders;
    private int perFolder;
    private int committed;

    static Configuration conf(int folders, int perFolder, int committed) {
        Configuration conf = new Configuration(false);
        conf.set("fs.archive.impl", ArchiveFileSystem.class.getName());
        conf.setBoolean("fs.archive.impl.disable.cache", true);
        conf.setInt("archive.folders", folders);
        conf.setInt("archive.per-folder", perFolder);
        conf.setInt("archive.committed", committed);
        return conf;
    }

    static void resetCounts() {
        LISTINGS.set(0);
        STATUS_CALLS.set(0);
        OPENS.set(0);
    }

    static String image(int i) {
        return String.format("img-%05d.png", i);
    }

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        super.initialize(name, conf);
        uri = URI.create(name.getScheme() + "://" + name.getAuthority());
        folders = conf.getInt("archive.folders", 0);
        perFolder = conf.getInt("archive.per-folder", 0);
        committed = conf.getInt("archive.committed", 0);
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public String getScheme() {
        return "archive";
    }

    private Path at(String path) {
        return new Path(uri.toString() + path);
    }

    private FileStatus dir(String path) {
        return new FileStatus(0, true, 1, 0, 0, at(path));
    }

    private FileStatus file(String path) {
        return new FileStatus(1024, false, 1, 1 << 20, 0, at(path));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        LISTINGS.incrementAndGet();
        String p = f.toUri().getPath();
        List<FileStatus> out = new ArrayList<>();
        if (p.equals("/lr")) {
            for (int d = 0; d < folders; d++) {
                out.add(dir(String.format("/lr/d%02d", d)));
            }
        } else if (p.matches("/lr/d\\d+")) {
            int d = Integer.parseInt(p.substring(5));
            for (int i = 0; i < perFolder; i++) {
                out.add(file(p + "/" + image(d * perFolder + i)));
            }
            out.add(file(p + "/.hidden.png"));
            out.add(file(p + "/_SUCCESS"));
            out.add(file(p + "/notes.txt"));
        } else if (p.equals("/out") && committed > 0) {
            for (int i = 0; i < committed; i++) {
                out.add(file("/out/" + image(i)));
            }
            out.add(file("/out/" + DistributedUpscaler.REPORT));
        } else {
            throw new FileNotFoundException(f.toString());
        }
        return out.toArray(FileStatus[]::new);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        STATUS_CALLS.incrementAndGet();
        String p = f.toUri().getPath();
        if (p.equals("/lr") || p.matches("/lr/d\\d+") || (p.equals("/out") && committed > 0)) {
            return dir(p);
        }
        if (p.matches("/lr/d\\d+/img-\\d+\\.png")) {
            return file(p);
        }
        throw new FileNotFoundException(f.toString());
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        OPENS.incrementAndGet();
        throw new IOException("the driver opened " + f + ": it must hold names only");
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        throw new IOException("read-only archive");
    }

    @Override
    public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) throws IOException {
        throw new IOException("read-only archive");
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        throw new IOException("read-only archive");
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        throw new IOException("read-only archive");
    }

    @Override
    public void setWorkingDirectory(Path dir) {
    }

    @Override
    public Path getWorkingDirectory() {
        return at("/");
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        throw new IOException("read-only archive");
    }
}
