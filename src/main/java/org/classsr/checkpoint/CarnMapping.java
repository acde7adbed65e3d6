package org.classsr.checkpoint;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;

/**
 * CARN-M ({@code CARN_arch.py}): keys map by name, except the 1x1 joins {@code c1/c2/c3} (outer
 * and inside blocks {@code b1/b2/b3}). Upstream each is a {@code BasicBlock}: a conv without bias
 * ({@code X.0.weight}), BatchNorm2d ({@code X.1.*}, eps 1e-5) and ReLU. At inference BatchNorm is
 * a per-channel affine map, folded here into the conv: with {@code s = gamma / sqrt(var + eps)},
 * {@code w' = w * s} and {@code b' = beta + (b - mean) * s} ({@code b} = 0 without a bias), giving
 * our {@code X_0_weight} and {@code X_0_bias}.
 */
final class CarnMapping extends GraphMapping {

    /** PyTorch's BatchNorm2d default. */
    static final double BN_EPS = 1e-5;

    private static final Pattern JOIN = Pattern.compile("((?:b[123]_)?c[123])_0_(weight|bias)");

    @Override
    public NetworkSpec infer(StateDict sd) {
        requireRgb(sd, "entry");
        long nf = sd.dim("entry.weight", 4, 0);
        long perGroup = sd.dim("upsample.up.body.0.weight", 4, 1);
        if (perGroup < 1 || nf % perGroup != 0) {
            throw new CheckpointException("key " + sd.fullName("upsample.up.body.0.weight") + " reads " + perGroup
                    + " channels per group, which does not divide " + nf + " channels");
        }
        long out = sd.dim("upsample.up.body.0.weight", 4, 0);
        int stages = count(sd, "upsample.up.body.", 3, ".weight");
        requireScale("carn", out == 9 * nf ? 3 : 1 << stages,
                stages + " upsampling conv(s) upsample.up.body.N giving " + out + " channels");
        return spec(NetworkRegistry.CARN, Map.of("channels", nf, "group", nf / perGroup));
    }

    @Override
    protected boolean special(StateDict sd, String name, ParameterTarget target) {
        Matcher m = JOIN.matcher(name);
        if (!m.matches()) {
            return false;
        }
        if (m.group(2).equals("weight")) {
            fold(sd, upstreamKey(m.group(1)), m.group(1), target);
        }
        return true; // the bias was set with the weight
    }

    private static void fold(StateDict sd, String join, String ours, ParameterTarget target) {
        String conv = join + ".0.";
        String bn = join + ".1.";
        TensorData w = sd.take(conv + "weight");
        if (w.rank() != 4) {
            throw new CheckpointException("key " + sd.fullName(conv + "weight") + " has shape " + w.shapeText()
                    + ", expected a 1x1 conv weight");
        }
        int out = Math.toIntExact(w.dim(0));
        float[] convBias = sd.has(conv + "bias") ? vector(sd, conv + "bias", out) : new float[out];
        float[] gamma = vector(sd, bn + "weight", out);
        float[] beta = vector(sd, bn + "bias", out);
        float[] mean = vector(sd, bn + "running_mean", out);
        float[] var = vector(sd, bn + "running_var", out);
        sd.skip(bn + "num_batches_tracked");
        float[] weight = w.data().clone();
        float[] bias = new float[out];
        int perOut = weight.length / out;
        for (int o = 0; o < out; o++) {
            double s = gamma[o] / Math.sqrt(var[o] + BN_EPS);
            for (int i = o * perOut; i < (o + 1) * perOut; i++) {
                weight[i] = (float) (weight[i] * s);
            }
            bias[o] = (float) (beta[o] + (convBias[o] - mean[o]) * s);
        }
        String source = sd.fullName(conv + "weight") + " with " + sd.fullName(bn + "*");
        target.put(ours + "_0_weight", new TensorData(w.shape(), weight), source);
        target.put(ours + "_0_bias", new TensorData(new long[] {out}, bias), source);
    }

    private static float[] vector(StateDict sd, String key, int length) {
        TensorData t = sd.take(key);
        if (t.rank() != 1 || t.dim(0) != length) {
            throw new CheckpointException("key " + sd.fullName(key) + " has shape " + t.shapeText() + ", expected ["
                    + length + "] for the conv it follows");
        }
        return t.data();
    }
}
