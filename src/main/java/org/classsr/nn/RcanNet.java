package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * RCAN (Zhang et al., ECCV 2018) as ClassSR's official {@code RCAN_arch.py} defines it, x4:
 * mean shift; 3x3 head conv 3 -> nf; {@code groups} residual groups, each {@code blocks} RCABs
 * (3x3 conv, ReLU, 3x3 conv, channel attention, + input) then a 3x3 conv, + group input; a 3x3
 * conv, + head output; twice (3x3 conv nf -> 4nf, pixel shuffle 2), no activation; 3x3 conv
 * nf -> 3; mean shift back. Channel attention: global average pool, 1x1 nf -> nf/reduction,
 * ReLU, 1x1 back to nf, sigmoid, times the features.
 *
 * <p>Upstream RCAN works on pixels in [0, 255] ({@code LQGT_rcan} data); this block takes [0, 1]
 * like every network here and multiplies by {@code range} on the way in and divides on the way
 * out, so imported weights see the values they were trained on.
 */
public final class RcanNet extends ConvGraph {

    private final int groups;
    private final int blocks;
    private final float range;

    /**
     * @param channels n_feats (ClassSR: 36 / 50 / 64)
     * @param groups residual groups (10)
     * @param blocks RCABs per group (20)
     * @param reduction channel attention reduction (16)
     * @param range the pixel range the weights expect (255)
     * @param scale the upscaling factor, a power of two
     */
    public RcanNet(int channels, int groups, int blocks, int reduction, int range, int scale) {
        super(scale, 3);
        if (channels < 1 || groups < 0 || blocks < 0 || reduction < 1 || channels / reduction < 1
                || range < 1 || Integer.bitCount(scale) != 1 || scale < 2) {
            throw new IllegalArgumentException("RCAN needs channels >= reduction >= 1, groups, blocks >= 0, range >= 1"
                    + " and a power-of-two scale >= 2, got channels " + channels + ", groups " + groups + ", blocks "
                    + blocks + ", reduction " + reduction + ", range " + range + ", scale " + scale);
        }
        this.groups = groups;
        this.blocks = blocks;
        this.range = range;
        int nf = channels;
        int squeezed = nf / reduction;
        meanShifts(scale);
        conv("head_0", 3, nf, 3, 1);
        for (int g = 0; g < groups; g++) {
            for (int b = 0; b < blocks; b++) {
                String r = "body_" + g + "_body_" + b + "_body_";
                conv(r + "0", nf, nf, 3, 1);
                conv(r + "2", nf, nf, 3, 1);
                conv(r + "3_conv_du_0", nf, squeezed, 1, 1, POOLED, 1);
                conv(r + "3_conv_du_2", squeezed, nf, 1, 1, POOLED, 1);
            }
            conv("body_" + g + "_body_" + blocks, nf, nf, 3, 1);
        }
        conv("body_" + groups, nf, nf, 3, 1);
        int level = 1;
        for (int i = 0; (1 << i) < scale; i++) {
            conv("tail_0_" + (2 * i), nf, 4 * nf, 3, 1, level, 1);
            level *= 2;
        }
        conv("tail_1", nf, 3, 3, scale);
    }

    @Override
    protected void afterInitialize() {
        initMeanShifts(range);
    }

    @Override
    protected NDArray forward(Pass p, NDArray x) {
        NDArray head = p.conv("head_0", p.conv("sub_mean", x.mul(range)));
        NDArray res = head;
        for (int g = 0; g < groups; g++) {
            NDArray in = res;
            for (int b = 0; b < blocks; b++) {
                res = rcab(p, "body_" + g + "_body_" + b + "_body_", res);
            }
            res = p.conv("body_" + g + "_body_" + blocks, res).add(in);
        }
        NDArray out = p.conv("body_" + groups, res).add(head);
        for (int i = 0; (1 << i) < scale(); i++) {
            out = PixelShuffleBlock.pixelShuffle(p.conv("tail_0_" + (2 * i), out), 2);
        }
        return p.conv("add_mean", p.conv("tail_1", out)).div(range);
    }

    private static NDArray rcab(Pass p, String r, NDArray x) {
        NDArray y = p.conv(r + "2", p.relu(r + "0", x));
        NDArray pooled = y.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray attention = Activation.sigmoid(p.conv(r + "3_conv_du_2", p.relu(r + "3_conv_du_0", pooled)));
        return y.mul(attention).add(x);
    }
}
