package org.classsr.checkpoint;

import java.util.Map;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;

/** MSRResNet ({@code SRResNet_arch.py}): every key maps by name. */
final class SrResNetMapping extends GraphMapping {

    @Override
    public NetworkSpec infer(StateDict sd) {
        requireRgb(sd, "conv_first");
        long nf = sd.dim("conv_first.weight", 4, 0);
        int blocks = count(sd, "recon_trunk.", 1, ".conv1.weight");
        if (!sd.has("upconv2.weight")) {
            long out = sd.dim("upconv1.weight", 4, 0);
            requireScale("srresnet", out == 9 * nf ? 3 : 2, "no upconv2, upconv1 gives " + out + " channels");
        }
        return spec(NetworkRegistry.SRRESNET, Map.of("channels", nf, "blocks", (long) blocks));
    }
}
