package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * CARN-M (Ahn, Kang, Sohn, ECCV 2018), the mobile Cascading Residual Network, as ClassSR defines
 * it ({@code CARN_M} of the official {@code CARN_arch.py}), x4.
 *
 * <p>Mean shift (DIV2K mean, range 1); 3x3 entry conv 3 -> nf; three cascading blocks, each
 * joined to the running concatenation by a 1x1 conv + ReLU; x4 by two (grouped 3x3 conv nf ->
 * 4nf, ReLU, pixel shuffle 2); 3x3 exit conv nf -> 3; mean shift back. A cascading block applies
 * ONE efficient residual block (grouped 3x3, ReLU, grouped 3x3, ReLU, 1x1, + input, ReLU) three
 * times (shared weights), joined by its own 1x1 convs + ReLU.
 *
 * <p>Upstream's 1x1 joins are {@code BasicBlock}s: a bias-free conv, BatchNorm and ReLU. Here
 * each is one conv with bias: in inference BatchNorm is a per-channel affine map, which import
 * folds into the conv, so the function is the same.
 */
public final class CarnNet extends ConvGraph {

    private static final String[] BLOCKS = {"b1", "b2", "b3"};

    private final int channels;

    /**
     * @param channels nf, the feature width (ClassSR: 36 / 52 / 64)
     * @param group the channel groups of the efficient residual and upsampling convs (4)
     * @param scale the upscaling factor, a power of two
     */
    public CarnNet(int channels, int group, int scale) {
        super(scale, 3);
        if (channels < 1 || group < 1 || Integer.bitCount(scale) != 1 || scale < 2) {
            throw new IllegalArgumentException("CARN-M needs channels >= 1, group >= 1 and a power-of-two scale >= 2,"
                    + " got channels " + channels + ", group " + group + ", scale " + scale);
        }
        this.channels = channels;
        int nf = channels;
        meanShifts(scale);
        conv("entry", 3, nf, 3, 1);
        for (String b : BLOCKS) {
            conv(b + "_b1_body_0", nf, nf, 3, group, 1, 3);
            conv(b + "_b1_body_2", nf, nf, 3, group, 1, 3);
            conv(b + "_b1_body_4", nf, nf, 1, 1, 1, 3);
            joins(b + "_", nf);
        }
        joins("", nf);
        int level = 1;
        for (int i = 0; (1 << i) < scale; i++) {
            conv("upsample_up_body_" + (3 * i), nf, 4 * nf, 3, group, level, 1);
            level *= 2;
        }
        conv("exit", nf, 3, 3, scale);
    }

    private void joins(String prefix, int nf) {
        conv(prefix + "c1_0", 2 * nf, nf, 1, 1);
        conv(prefix + "c2_0", 3 * nf, nf, 1, 1);
        conv(prefix + "c3_0", 4 * nf, nf, 1, 1);
    }

    public int channels() {
        return channels;
    }

    @Override
    protected void afterInitialize() {
        initMeanShifts(1f);
    }

    @Override
    protected NDArray forward(Pass p, NDArray x) {
        NDArray o0 = p.conv("entry", p.conv("sub_mean", x));
        NDArray o3 = cascade(p, "", o0);
        NDArray out = o3;
        for (int i = 0; (1 << i) < scale(); i++) {
            out = PixelShuffleBlock.pixelShuffle(p.relu("upsample_up_body_" + (3 * i), out), 2);
        }
        return p.conv("add_mean", p.conv("exit", out));
    }

    /**
     * Three steps of cascading: {@code o_k = relu(c_k(cat(x, b_1, ..., b_k)))}, with {@code b_k}
     * the k-th block's output (the outer network) or the shared residual block (inside a block).
     */
    private NDArray cascade(Pass p, String prefix, NDArray o0) {
        NDArray c = o0;
        NDArray o = o0;
        for (int k = 1; k <= 3; k++) {
            NDArray b = prefix.isEmpty() ? cascade(p, BLOCKS[k - 1] + "_", o) : residual(p, prefix, o);
            c = cat(c, b);
            o = p.relu(prefix + "c" + k + "_0", c);
        }
        return o;
    }

    private NDArray residual(Pass p, String prefix, NDArray x) {
        String e = prefix + "b1_body_";
        NDArray y = p.conv(e + "4", p.relu(e + "2", p.relu(e + "0", x)));
        return Activation.relu(y.add(x));
    }
}
