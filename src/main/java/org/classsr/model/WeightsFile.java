package org.classsr.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A weight file of a model folder (a safetensors file, relative to the folder) and its SHA-256. */
public record WeightsFile(String file, String sha256) {

    public WeightsFile {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("weight file name is empty");
        }
        if (file.contains("..") || file.startsWith("/")) {
            throw new IllegalArgumentException("weight file must lie inside the model folder: " + file);
        }
    }

    /**
     * Reads the file from its model folder and checks it against the SHA-256 model.conf gives.
     *
     * @param network the network's name, for messages
     * @throws ModelException when it cannot be read, has no checksum, or does not match it
     */
    public byte[] readVerified(Path folder, String network) {
        Path path = folder.resolve(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ModelException(path + ": cannot read: " + e.getMessage(), e);
        }
        if (sha256 == null || sha256.isBlank()) {
            throw new ModelException(path + ": model.conf gives no sha256 for network '" + network + "'");
        }
        String actual = Sha256.of(bytes);
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new ModelException(path + ": SHA-256 mismatch: model.conf says " + sha256 + " but the file has "
                    + actual + " (file changed or corrupted)");
        }
        return bytes;
    }
}
