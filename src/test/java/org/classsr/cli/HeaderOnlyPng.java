package org.classsr.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A PNG that is only a signature and an IHDR chunk claiming a size: its header is valid, its data
 * is missing. Read from the header it is over any small pixel limit; decoded, it is truncated. So a
 * command that reports "over the limit" for it read the header before decoding.
 */
final class HeaderOnlyPng {

    private HeaderOnlyPng() {
    }

    static Path write(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        byte[] data = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        b.write(ByteBuffer.allocate(4).putInt(13).array());
        b.write(type);
        b.write(data);
        b.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, b.toByteArray());
    }
}
