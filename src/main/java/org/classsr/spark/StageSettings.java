package org.classsr.spark;

import java.io.Serializable;
import org.classsr.engine.EngineSettings;

/**
 * What the partition functions need, as plain values (no secrets, no Config, no model objects).
 *
 * @param modelFolder the model folder as the driver sees it (used where it exists on the executor)
 * @param shippedModel the model folder's archive name in the job ({@link ShippedFolder}), or null when not
 *     shipped (local mode, or every node sees {@code modelFolder})
 * @param tileSize LR tile size of the model
 * @param tileStep LR tile step of the model
 * @param scale the model's upscaling factor
 * @param maxPixels inputs with more LR pixels are refused
 * @param pngCompression zlib level of streamed PNG outputs, 0-9
 * @param maxInMemoryOutputPixels outputs in formats that cannot be streamed are assembled whole up to this size
 * @param hrFolder folder (URI) of ground-truth HR images named like the inputs, or null
 */
public record StageSettings(String modelFolder, String shippedModel, EngineSettings engine, int tileSize, int tileStep,
        int scale, long maxPixels, int pngCompression, long maxInMemoryOutputPixels, String hrFolder)
        implements Serializable {
}
