package org.classsr.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Paths;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * Reading and atomically writing objects through Hadoop's FileSystem (local files, HDFS, S3A).
 *
 * <p><b>What is atomic.</b> An output is written under a hidden temporary name in the same
 * folder ({@code .classsr-tmp-UUID-NAME}) and then renamed to its final name. On a local file
 * system and on HDFS the rename is atomic. On S3A a rename is a server-side COPY then a DELETE of
 * the temporary key; a COPY creates the final object in one step, so a reader sees either no
 * object or the whole one, never a part (S3 never exposes a partly uploaded object; the
 * temporary key itself only appears once its upload completes). What is NOT atomic is replacing
 * an existing output with {@code --overwrite}: the old object is deleted just before the rename,
 * so for a moment there is none. A task that dies mid-write leaves at most a hidden temporary
 * object (no final name); the job removes it when it finishes ({@link TempSweeper}): temporary
 * names carry the Spark application's id ({@code .classsr-tmp-RUN-UUID-NAME}) so that a job can
 * tell its own from another's.
 */
public final class HadoopFiles {

    /** Prefix of the temporary names outputs are written under. */
    public static final String TEMP_PREFIX = ".classsr-tmp-";

    private HadoopFiles() {
    }

    /**
     * The hidden temporary path an output is written under before its rename: in the output's
     * folder, tagged with this run ({@link #runTag()}).
     */
    static Path tempFor(Path target) {
        return new Path(target.getParent(), TEMP_PREFIX + runTag() + "-" + UUID.randomUUID() + "-" + target.getName());
    }

    /**
     * The tag of this run in temporary names: the Spark application id (the same on the driver
     * and every executor), letters, digits and '-' only; "jvm" outside Spark.
     */
    static String runTag() {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? null : env.conf().get("spark.app.id", null);
        return id == null ? "jvm" : id.replaceAll("[^A-Za-z0-9-]", "-");
    }

    /** The Hadoop configuration of this JVM: Spark's ({@code spark.hadoop.*} applied) inside a job. */
    public static Configuration conf() {
        SparkEnv env = SparkEnv.get();
        return env != null ? SparkHadoopUtil.get().newConfiguration(env.conf()) : new Configuration();
    }

    /** A URI for a user's input: local paths without a scheme become absolute file: URIs. */
    public static String qualify(String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.matches("^[a-zA-Z]:\\\\.*")) {
            return location;
        }
        return Paths.get(location).toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * The file system to write outputs through: for local files the raw one, so that no Hadoop
     * {@code .crc} side files appear beside them (users read our outputs with other tools).
     */
    static FileSystem forWriting(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    public static FileSystem fs(String uri, Configuration conf) throws IOException {
        return FileSystem.get(URI.create(uri), conf);
    }

    /** All bytes of an object (at most 2 GB). */
    public static byte[] readAll(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(conf);
        long length = fs.getFileStatus(path).getLen();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("too large to decode in one piece (" + length + " bytes)");
        }
        try (InputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }

    public static boolean exists(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        return path.getFileSystem(conf).exists(path);
    }

    /** What writes an output's bytes. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Renames the written {@code temp} to {@code target}, replacing an existing object. */
    static void moveInto(FileSystem fs, Path temp, Path target) throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(temp, target)) {
            throw new IOException("could not rename " + temp + " to " + target);
        }
    }

    /**
     * Writes {@code uri} atomically (see the class comment): temporary name, then rename. An
     * existing object is replaced. The temporary object is removed if anything fails.
     */
    public static void writeAtomically(String uri, Configuration conf, Writer writer) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = forWriting(target.getFileSystem(conf));
        Path temp = tempFor(target);
        boolean committed = false;
        try {
            try (FSDataOutputStream out = fs.create(temp, true)) {
                writer.write(out);
            }
            moveInto(fs, temp, target);
            committed = true;
        } finally {
            if (!committed) {
                try {
                    fs.delete(temp, false);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one to report.
                }
            }
        }
    }
}
