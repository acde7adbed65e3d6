package org.classsr.checkpoint;

import java.util.Map;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;

/**
 * RCAN ({@code RCAN_arch.py}): every key maps by name. Upstream runs on pixels in [0, 255];
 * {@link org.classsr.nn.RcanNet} scales by its {@code range} option, which import sets to 255.
 */
final class RcanMapping extends GraphMapping {

    /** Upstream's channel-attention reduction, written when the widths allow it. */
    private static final long DEFAULT_REDUCTION = 16;
    private static final long RANGE = 255;

    @Override
    public NetworkSpec infer(StateDict sd) {
        requireRgb(sd, "head.0");
        long nf = sd.dim("head.0.weight", 4, 0);
        int groups = 0;
        while (sd.has("body." + groups + ".body.0.body.0.weight")) {
            groups++;
        }
        int blocks = count(sd, "body.0.body.", 1, ".body.0.weight");
        long reduction = DEFAULT_REDUCTION;
        if (groups > 0 && blocks > 0) {
            long squeezed = sd.dim("body.0.body.0.body.3.conv_du.0.weight", 4, 0);
            // nf // r = squeezed; keep upstream's 16 when it fits, else the largest r that does
            reduction = squeezed > 0 && nf / DEFAULT_REDUCTION == squeezed ? DEFAULT_REDUCTION
                    : squeezed > 0 ? nf / squeezed : 0;
            if (reduction < 1 || nf / reduction != squeezed) {
                throw new CheckpointException("key " + sd.fullName("body.0.body.0.body.3.conv_du.0.weight")
                        + " squeezes " + nf + " channels to " + squeezed + ", which no channel-attention reduction gives");
            }
        }
        int stages = count(sd, "tail.0.", 2, ".weight");
        long out = sd.dim("tail.0.0.weight", 4, 0);
        int scale = out == 9 * nf ? 3 : 1 << stages;
        requireScale("rcan", scale, stages + " upsampling conv(s) tail.0.N giving " + out + " channels");
        return spec(NetworkRegistry.RCAN, Map.of("channels", nf, "groups", (long) groups, "blocks", (long) blocks,
                "reduction", reduction, "range", RANGE));
    }
}
