package org.classsr.checkpoint;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.classsr.model.NetworkSpec;

/**
 * The families written as {@link org.classsr.nn.ConvGraph} (CARN-M, MSRResNet, RCAN): our
 * parameter {@code a_b_c_weight} is the upstream key {@code a.b.c.weight}, so the mapping is the
 * name itself, except where a subclass {@link #special converts} a parameter.
 */
abstract class GraphMapping implements NetworkMapping {

    /** Upstream module names that contain '_' (so '_' -> '.' alone cannot give the key back). */
    private static final List<String> COMPOUND_NAMES =
            List.of("sub_mean", "add_mean", "conv_first", "conv_last", "recon_trunk", "conv_du");

    /** The upstream key of one of our parameter names (for messages about missing keys). */
    static String upstreamKey(String ourName) {
        String key = ourName.replace('_', '.');
        for (String c : COMPOUND_NAMES) {
            key = key.replace(c.replace('_', '.'), c);
        }
        return key;
    }

    /** Our parameter name of an upstream key. */
    static String ourName(String upstreamKey) {
        return upstreamKey.replace('.', '_');
    }

    @Override
    public void convert(StateDict sd, Block block, ParameterTarget target) {
        for (String name : target.names()) {
            if (!special(sd, name, target)) {
                String key = upstreamKey(name);
                target.put(name, sd.take(key), sd.fullName(key));
            }
        }
    }

    /** Converts parameter {@code name} itself when it is not a plain copy; false otherwise. */
    protected boolean special(StateDict sd, String name, ParameterTarget target) {
        return false;
    }

    /** Refuses a network that is not x4, saying what the keys show. */
    static void requireScale(String arch, int scale, String evidence) {
        if (scale != 4) {
            throw new CheckpointException("an x" + scale + " " + arch + " (" + evidence + "); only x4 networks can be"
                    + " imported (ClassSR is x4)");
        }
    }

    /** Refuses input other than RGB. */
    static void requireRgb(StateDict sd, String firstConv) {
        long colors = sd.dim(firstConv + ".weight", 4, 1);
        if (colors != 3) {
            throw new CheckpointException("key " + sd.fullName(firstConv + ".weight") + " takes " + colors
                    + " input channels; only RGB (3) networks can be imported");
        }
    }

    /** Counts keys {@code before + i*step + after} that exist, for i = 0, 1, ... */
    static int count(StateDict sd, String before, int step, String after) {
        int n = 0;
        while (sd.has(before + (n * step) + after)) {
            n++;
        }
        return n;
    }

    static NetworkSpec spec(String arch, Map<String, Long> options) {
        Map<String, Integer> o = new TreeMap<>();
        options.forEach((k, v) -> o.put(k, Math.toIntExact(v)));
        return new NetworkSpec(arch, o);
    }
}
