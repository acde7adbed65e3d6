package org.classsr.checkpoint;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;
import org.classsr.nn.PhaseTailBlock;
import org.classsr.nn.PreluBlock;
import org.classsr.nn.SubPixelConverter;

/**
 * FSRCNN as ClassSR defines it ({@code FSRCNN_net} of {@code FSRCNN_arch.py}):
 * {@code head_conv} = 5x5 conv + PReLU; {@code body_conv} = [1x1 shrink conv + PReLU, m bare
 * 3x3 convs, ONE PReLU, 1x1 expand conv + PReLU]; {@code tail_conv} = ConvTranspose2d(d, 3, 9,
 * stride 4, padding 3, output_padding 1).
 *
 * <p>Our {@link org.classsr.nn.FsrcnnNet} has a PReLU after every mapping conv, so the first m-1
 * get slope 1 (the identity, exactly) and the last gets upstream's. Upstream's {@code nn.PReLU()}
 * has one slope for all channels; ours has one per channel, so it is repeated. The tail becomes
 * the sub-pixel conv by {@link SubPixelConverter} (with {@code transposed-tail = 1} in model.conf the
 * same weights run as a {@link PhaseTailBlock}, only the real taps). A state dict does not record the tail's stride,
 * so the scale cannot be checked: x4 is assumed.
 */
final class FsrcnnMapping implements NetworkMapping {

    @Override
    public NetworkSpec infer(StateDict sd) {
        GraphMapping.requireRgb(sd, "head_conv.0");
        long d = sd.dim("head_conv.0.weight", 4, 0);
        long s = sd.dim("body_conv.0.0.weight", 4, 0);
        int m = mapping(sd);
        if (m == 0) {
            throw new CheckpointException("an FSRCNN without mapping convs (no body_conv.1.weight) is not supported");
        }
        long tailIn = sd.dim("tail_conv.weight", 4, 0);
        TensorData tail = sd.peek("tail_conv.weight");
        if (tailIn != d || tail.dim(1) != 3 || tail.dim(2) != SubPixelConverter.KERNEL
                || tail.dim(3) != SubPixelConverter.KERNEL) {
            throw new CheckpointException("key " + sd.fullName("tail_conv.weight") + " has shape " + tail.shapeText()
                    + ", not FSRCNN's 9x9 transposed conv [" + d + ", 3, 9, 9]");
        }
        // transposed-tail stays off: the phase tail is exact but measured slower on PyTorch CPU
        // (docs/engine-speed.md); a model.conf may switch it on
        return GraphMapping.spec(NetworkRegistry.FSRCNN, Map.of("channels", d, "shrink", s, "mapping", (long) m));
    }

    /** m: the 4-D (conv) keys body_conv.1 ... body_conv.m; body_conv.(m+1) is the PReLU. */
    private static int mapping(StateDict sd) {
        int m = 0;
        while (sd.has("body_conv." + (m + 1) + ".weight") && sd.peek("body_conv." + (m + 1) + ".weight").rank() == 4) {
            m++;
        }
        return m;
    }

    @Override
    public void convert(StateDict sd, Block block, ParameterTarget target) {
        int m = mapping(sd);
        List<String> convs = new ArrayList<>(List.of("head_conv.0", "body_conv.0.0"));
        List<String> prelus = new ArrayList<>(List.of("head_conv.1", "body_conv.0.1"));
        for (int i = 1; i <= m; i++) {
            convs.add("body_conv." + i);
            prelus.add(i < m ? null : "body_conv." + (m + 1));
        }
        convs.add("body_conv." + (m + 2) + ".0");
        prelus.add("body_conv." + (m + 2) + ".1");
        int conv = 0;
        int prelu = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            String name = child.getKey();
            if (child.getValue() instanceof PhaseTailBlock) {
                tail(sd, name, target);
            } else if (child.getValue() instanceof Conv2d) {
                if (conv < convs.size()) {
                    String key = convs.get(conv);
                    target.put(name + "_weight", sd.take(key + ".weight"), sd.fullName(key + ".weight"));
                    target.put(name + "_bias", sd.take(key + ".bias"), sd.fullName(key + ".bias"));
                } else {
                    tail(sd, name, target);
                }
                conv++;
            } else if (child.getValue() instanceof PreluBlock) {
                slope(sd, prelus.get(prelu++), name + "_alpha", target);
            }
        }
    }

    private static void slope(StateDict sd, String key, String ours, ParameterTarget target) {
        long channels = target.shape(ours).get(0);
        if (key == null) {
            target.put(ours, TensorData.filled(new long[] {channels}, 1f), "(identity between mapping convs)");
            return;
        }
        TensorData a = sd.take(key + ".weight");
        if (a.rank() == 1 && a.dim(0) == 1) {
            a = TensorData.filled(new long[] {channels}, a.data()[0]);
        }
        target.put(ours, a, sd.fullName(key + ".weight"));
    }

    private static void tail(StateDict sd, String ours, ParameterTarget target) {
        TensorData w = sd.take("tail_conv.weight");
        TensorData b = sd.take("tail_conv.bias");
        SubPixelConverter.SubPixelWeights sub;
        try {
            sub = SubPixelConverter.convert(w.data(), w.shape(), b.data());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("keys " + sd.fullName("tail_conv.*") + ": " + e.getMessage(), e);
        }
        String source = sd.fullName("tail_conv.weight") + " (as sub-pixel conv)";
        target.put(ours + "_weight", new TensorData(sub.weightShape(), sub.weight()), source);
        target.put(ours + "_bias", new TensorData(sub.biasShape(), sub.bias()), source);
    }
}
