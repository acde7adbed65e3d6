package org.classsr.model;

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
}
