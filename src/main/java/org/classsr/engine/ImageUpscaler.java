package org.classsr.engine;

import org.classsr.image.Bicubic;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;

/**
 * Upscales a decoded file image: the colour (or grey) planes through the engine, an alpha
 * channel with bicubic interpolation (networks are trained on colour, not transparency), and the
 * bit depth and format carried over.
 */
public final class ImageUpscaler {

    private final ClassSrEngine engine;

    public ImageUpscaler(ClassSrEngine engine) {
        this.engine = engine;
    }

    public record Result(DecodedImage image, UpscaleStats stats) {
    }

    public Result upscale(DecodedImage input, ProgressListener progress) {
        return upscale(input, progress, null);
    }

    /** @param routing the tiles' classes chosen beforehand (a budget), or null to classify them */
    public Result upscale(DecodedImage input, ProgressListener progress, TileRouting routing) {
        UpscaleResult color = routing == null ? engine.upscale(input.color(), progress)
                : engine.upscale(input.color(), progress, routing);
        FloatImage alpha = null;
        if (input.alpha() != null) {
            alpha = clamp(Bicubic.resize(input.alpha(), engine.scale()));
        }
        return new Result(new DecodedImage(color.image(), alpha, input.bitDepth(), input.format()), color.stats());
    }

    private static FloatImage clamp(FloatImage img) {
        float[] d = img.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0f, Math.min(1f, d[i]));
        }
        return new FloatImage(img.width(), img.height(), img.channels(), d);
    }
}
