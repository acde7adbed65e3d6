package org.classsr.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Archives built in tests from the bundled sample crops: zip (stored and deflated members), tar, tar.gz. */
public final class TestArchives {

    public static final String[] CROPS = {"astronaut-crop-160x120.png", "chelsea-crop-160x120.png",
        "coffee-crop-160x120.png"};

    private TestArchives() {
    }

    public static byte[] crop(String name) throws IOException {
        try (InputStream in = TestArchives.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The three crops in nested folders: {@code set/a/astronaut...png}, {@code set/b/chelsea...}, {@code coffee...} at the top. */
    public static Map<String, byte[]> nestedCrops() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("set/a/" + CROPS[0], crop(CROPS[0]));
        m.put("set/b/" + CROPS[1], crop(CROPS[1]));
        m.put(CROPS[2], crop(CROPS[2]));
        return m;
    }

    /** A zip of {@code members}; those named in {@code stored} are stored, the others deflated. */
    public static Path zip(Path file, Map<String, byte[]> members, Set<String> stored) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                ZipEntry e = new ZipEntry(m.getKey());
                if (stored.contains(m.getKey())) {
                    CRC32 crc = new CRC32();
                    crc.update(m.getValue());
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(m.getValue().length);
                    e.setCompressedSize(m.getValue().length);
                    e.setCrc(crc.getValue());
                }
                out.putNextEntry(e);
                out.write(m.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    public static Path tar(Path file, Map<String, byte[]> members) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTar(out, members);
        }
        return file;
    }

    public static Path tgz(Path file, Map<String, byte[]> members) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            writeTar(out, members);
        }
        return file;
    }

    private static void writeTar(OutputStream raw, Map<String, byte[]> members) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(raw);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            TarArchiveEntry e = new TarArchiveEntry(m.getKey());
            e.setSize(m.getValue().length);
            tar.putArchiveEntry(e);
            tar.write(m.getValue());
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    /** Sets a 2-byte field of {@code member}'s central directory record (8: flags, 10: method). */
    public static void patchCentral(Path zip, String member, int field, int value) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        byte[] name = member.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = b.length - 46; i >= 0; i--) {
            if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 1 && b[i + 3] == 2
                    && (b[i + 28] & 0xff | (b[i + 29] & 0xff) << 8) == name.length
                    && java.util.Arrays.equals(b, i + 46, i + 46 + name.length, name, 0, name.length)) {
                b[i + field] = (byte) value;
                b[i + field + 1] = (byte) (value >> 8);
                Files.write(zip, b);
                return;
            }
        }
        throw new IllegalArgumentException("no central record for " + member);
    }

    /** Flips a byte in the middle of {@code member}'s data (found by its bytes in the archive). */
    public static void corrupt(Path archive, byte[] memberStoredBytes) throws IOException {
        byte[] b = Files.readAllBytes(archive);
        int at = indexOf(b, java.util.Arrays.copyOfRange(memberStoredBytes, 100, 164));
        if (at < 0) {
            throw new IllegalArgumentException("member bytes not found stored in the archive");
        }
        b[at + 1000] ^= 0x5a;
        Files.write(archive, b);
    }

    public static void truncate(Path file, long length) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, (int) length));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
