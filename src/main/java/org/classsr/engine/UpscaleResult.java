package org.classsr.engine;

import org.classsr.image.FloatImage;

/** An upscaled image held whole, with its statistics. */
public record UpscaleResult(FloatImage image, UpscaleStats stats) {
}
