package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Starts a narrower network from a trained wider one of the same family: keeps the wide network's
 * most important feature channels and copies the weights between them (ClassSR's branches,
 * nf 36 / 52, from the trained "-O" network, nf 64), so that a branch begins where the big
 * network is instead of at random, and only fine-tuning remains.
 *
 * <p>Both networks are {@link ConvGraph}s with the same layer names. The feature width {@code n}
 * (wide) and {@code k} (narrow) is every layer's unit: a conv's input is RGB (3), {@code m*n}
 * channels (m concatenated feature maps, as CARN's cascades) or a channel-attention squeeze;
 * its output is 3, {@code n}, {@code 4n} followed by a pixel shuffle (channel {@code c*4 + phase})
 * or a squeeze. One set S of {@code k} feature channels is kept everywhere (residual sums and
 * concatenations need the same indexing); with channel groups, S takes {@code k/g} channels of
 * each group, so every group still sees its own inputs. A channel's importance is the sum of
 * squares of every weight that reads or writes it. Squeezes keep their own most important
 * channels, the same for the squeeze conv's output and the expand conv's input.
 *
 * <p>Weights alone do not see a channel's activations: the carriers of a bilinear start
 * ({@link CarnBilinearStart#carriers()}) hold the image itself through small weights (one 1 per
 * kernel), and a trained CARN-O without them falls from 31.5 to 20 dB at 60 of 64 channels. So a
 * caller names the channels that must stay ({@code alwaysKeep}); the rest are ranked by weight.
 */
public final class WidthSlicer {

    private WidthSlicer() {}

    /**
     * Copies the sliced weights of {@code wide} into {@code narrow}.
     *
     * @param wide an initialised, trained network of width n
     * @param wideChannels n
     * @param narrow an initialised network of the same family and width k (k <= n)
     * @param narrowChannels k
     * @param groups the channel groups of the family's grouped convolutions (CARN-M: 4; else 1)
     * @throws IllegalArgumentException if the networks do not match layer for layer
     */
    public static void slice(ConvGraph wide, int wideChannels, ConvGraph narrow, int narrowChannels, int groups) {
        slice(wide, wideChannels, narrow, narrowChannels, groups, new int[0]);
    }

    /**
     * As {@link #slice(ConvGraph, int, ConvGraph, int, int)}, always keeping the feature channels
     * {@code alwaysKeep} (they count against their group's share).
     */
    public static void slice(ConvGraph wide, int wideChannels, ConvGraph narrow, int narrowChannels, int groups,
            int[] alwaysKeep) {
        int n = wideChannels;
        int k = narrowChannels;
        if (k > n || k % groups != 0 || n % groups != 0) {
            throw new IllegalArgumentException("cannot slice width " + n + " to " + k + " in " + groups + " groups");
        }
        Map<String, Conv2d> w = wide.convolutions();
        Map<String, Conv2d> s = narrow.convolutions();
        if (!w.keySet().equals(s.keySet())) {
            throw new IllegalArgumentException("the networks have different layers");
        }
        int[] keep = keptFeatures(w, n, k, groups, alwaysKeep);
        for (Map.Entry<String, Conv2d> e : w.entrySet()) {
            Conv2d wc = e.getValue();
            Conv2d nc = s.get(e.getKey());
            int[] outs = kept(weight(wc).getShape().get(0), weight(nc).getShape().get(0), n, keep, true,
                    () -> topRows(weight(wc), (int) weight(nc).getShape().get(0)));
            long wideIn = weight(wc).getShape().get(1) * wc.getGroups();
            long narrowIn = weight(nc).getShape().get(1) * nc.getGroups();
            String name = e.getKey();
            int[] ins = kept(wideIn, narrowIn, n, keep, false, () -> {
                // the expand conv of a channel attention reads its squeeze conv's kept outputs
                Conv2d squeeze = w.get(name.substring(0, name.length() - 1) + "0");
                return topRows(weight(squeeze), (int) narrowIn);
            });
            copy(name, wc, nc, outs, ins);
        }
    }

    private static NDArray weight(Conv2d c) {
        return c.getParameters().get("weight").getArray();
    }

    /**
     * The wide channels that narrow channels 0, 1, ... take: all (same count), the kept features
     * (n), the kept features of each concatenated map (m*n inputs), the shuffle phases of the
     * kept features (4n outputs), or otherwise a squeeze's own choice.
     */
    private static int[] kept(long wide, long narrow, int n, int[] keep, boolean output,
            java.util.function.Supplier<int[]> squeeze) {
        if (wide == narrow) {
            return IntStream.range(0, (int) wide).toArray();
        }
        if (output && wide == 4L * n) {
            return Arrays.stream(keep).flatMap(c -> IntStream.range(4 * c, 4 * c + 4)).toArray();
        }
        if (wide % n == 0 && narrow == wide / n * keep.length) {
            int maps = (int) (wide / n);
            return IntStream.range(0, maps).flatMap(t -> Arrays.stream(keep).map(c -> c + t * n)).toArray();
        }
        return squeeze.get();
    }

    /** Copies weight[outs[o], ins[j]] into the narrow conv, respecting channel groups. */
    private static void copy(String name, Conv2d wideConv, Conv2d narrowConv, int[] outs, int[] ins) {
        NDArray from = weight(wideConv);
        NDArray to = weight(narrowConv);
        Shape ws = from.getShape();
        Shape ns = to.getShape();
        int g = wideConv.getGroups();
        int kk = (int) (ws.get(2) * ws.get(3));
        int wideInPerGroup = (int) ws.get(1);
        int narrowInPerGroup = (int) ns.get(1);
        int wideOutPerGroup = (int) (ws.get(0) / g);
        int narrowOutPerGroup = (int) (ns.get(0) / g);
        float[] src = from.toFloatArray();
        float[] dst = new float[(int) ns.size()];
        for (int o = 0; o < outs.length; o++) {
            int wideGroup = outs[o] / wideOutPerGroup;
            int narrowGroup = o / narrowOutPerGroup;
            for (int i = 0; i < narrowInPerGroup; i++) {
                int local = ins[narrowGroup * narrowInPerGroup + i] - wideGroup * wideInPerGroup;
                if (local < 0 || local >= wideInPerGroup) {
                    throw new IllegalArgumentException(name + ": kept input channels cross a channel group");
                }
                System.arraycopy(src, (outs[o] * wideInPerGroup + local) * kk, dst, (o * narrowInPerGroup + i) * kk, kk);
            }
        }
        BlockParameters.assign(to, dst);
        float[] bias = wideConv.getParameters().get("bias").getArray().toFloatArray();
        float[] nb = new float[outs.length];
        for (int o = 0; o < outs.length; o++) {
            nb[o] = bias[outs[o]];
        }
        BlockParameters.assign(narrowConv.getParameters().get("bias").getArray(), nb);
    }

    /** The k most important feature channels, k/g from each group, {@code alwaysKeep} first, sorted. */
    private static int[] keptFeatures(Map<String, Conv2d> convs, int n, int k, int groups, int[] alwaysKeep) {
        double[] score = new double[n];
        for (Conv2d c : convs.values()) {
            NDArray wt = weight(c);
            long out = wt.getShape().get(0);
            long inPerGroup = wt.getShape().get(1);
            float[] v = wt.toFloatArray();
            int per = (int) (v.length / out);
            int g = c.getGroups();
            for (int o = 0; o < out; o++) {
                double sq = 0;
                for (int i = 0; i < per; i++) {
                    sq += (double) v[o * per + i] * v[o * per + i];
                }
                int feature = out == n ? o : out == 4L * n ? o / 4 : -1;
                if (feature >= 0) {
                    score[feature] += sq;
                }
                // inputs: channel (group of o) * inPerGroup + local, modulo n for concatenations
                long inTotal = inPerGroup * g;
                if (inTotal % n == 0) {
                    int outPerGroup = (int) (out / g);
                    int base = (int) ((o / outPerGroup) * inPerGroup);
                    int kk = (int) (per / inPerGroup);
                    for (int i = 0; i < inPerGroup; i++) {
                        double s2 = 0;
                        for (int t = 0; t < kk; t++) {
                            float x = v[o * per + i * kk + t];
                            s2 += (double) x * x;
                        }
                        score[(base + i) % n] += s2;
                    }
                }
            }
        }
        int perGroup = n / groups;
        int keepPerGroup = k / groups;
        for (int c : alwaysKeep) {
            if (c < 0 || c >= n || Arrays.stream(alwaysKeep).filter(d -> d / perGroup == c / perGroup).count() > keepPerGroup) {
                throw new IllegalArgumentException("cannot always keep channel " + c + " of " + n + " at width " + k);
            }
            score[c] = Double.POSITIVE_INFINITY;
        }
        List<Integer> kept = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int first = g * perGroup;
            IntStream.range(first, first + perGroup).boxed()
                    .sorted(Comparator.comparingDouble((Integer c) -> -score[c]).thenComparing(c -> c))
                    .limit(keepPerGroup).forEach(kept::add);
        }
        return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The {@code count} output channels of {@code weight} with the largest sum of squares, sorted. */
    private static int[] topRows(NDArray weight, int count) {
        long out = weight.getShape().get(0);
        float[] v = weight.toFloatArray();
        int per = (int) (v.length / out);
        double[] score = new double[(int) out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < per; i++) {
                score[o] += (double) v[o * per + i] * v[o * per + i];
            }
        }
        return IntStream.range(0, (int) out).boxed().sorted(Comparator.comparingDouble((Integer o) -> -score[o])
                .thenComparing(o -> o)).limit(count).mapToInt(Integer::intValue).sorted().toArray();
    }
}
