package org.classsr.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.classsr.model.Sha256;

/**
 * A model folder shipped to every executor as one archive ({@code SparkContext.addArchive}),
 * unpacked there under its own name: Spark refuses {@code addFile} of a local folder on a non-local
 * master, and files added one by one share one flat folder, so two model folders (each with a
 * {@code model.conf}) could not travel in one job.
 */
public final class ShippedFolder {

    private ShippedFolder() {
    }

    /**
     * Zips the folder's regular files (not its subfolders) and adds the archive to the job; returns
     * the name executors find it under: {@code PREFIX-SHA.zip}, SHA from the files' names and
     * bytes, in the JVM's temporary folder. The same content is the same path, which Spark adds
     * once per job and this JVM writes once.
     */
    public static String ship(JavaSparkContext sc, Path folder, String prefix) throws IOException {
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        StringBuilder content = new StringBuilder();
        for (Path f : files) {
            content.append(f.getFileName()).append(' ').append(Sha256.of(f)).append('\n');
        }
        String name = prefix + "-" + Sha256.of(content.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16) + ".zip";
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "classsr-shipped"));
        Path zip = dir.resolve(name);
        if (!Files.isRegularFile(zip)) {
            Path tmp = Files.createTempFile(dir, ".classsr-tmp-", ".zip");
            try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(file)) {
                for (Path f : files) {
                    out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            Files.move(tmp, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        sc.sc().addArchive(zip.toAbsolutePath().toString());
        return name;
    }

    /**
     * Where a folder is in this JVM: the unpacked archive when it was shipped (the driver's path
     * may not exist on this node, or may hold other files), else {@code path} itself.
     */
    public static Path resolve(String path, String shipped) {
        return shipped == null ? Path.of(path) : Path.of(SparkFiles.get(shipped));
    }
}
