package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * MSRResNet, the modified SRResNet (Ledig et al. 2017, without BatchNorm) of ClassSR's official
 * {@code SRResNet_arch.py}, x4: 3x3 conv 3 -> nf + LeakyReLU(0.1); {@code blocks} residual
 * blocks (3x3 conv, ReLU, 3x3 conv, + input); twice (3x3 conv nf -> 4nf, pixel shuffle 2,
 * LeakyReLU); 3x3 conv nf -> nf + LeakyReLU; 3x3 conv nf -> 3; plus the bilinear x4 upsampling
 * of the input (align_corners = false).
 */
public final class SrResNet extends ConvGraph {

    /** Upstream's LeakyReLU slope. */
    public static final float SLOPE = 0.1f;

    private final int blocks;

    /**
     * @param channels nf (ClassSR: 36 / 52 / 64)
     * @param blocks the residual blocks (16)
     * @param scale 4 (two x2 stages)
     */
    public SrResNet(int channels, int blocks, int scale) {
        super(scale, 3);
        if (channels < 1 || blocks < 0 || scale != 4) {
            throw new IllegalArgumentException("MSRResNet needs channels >= 1, blocks >= 0 and scale 4,"
                    + " got channels " + channels + ", blocks " + blocks + ", scale " + scale);
        }
        this.blocks = blocks;
        int nf = channels;
        conv("conv_first", 3, nf, 3, 1);
        for (int i = 0; i < blocks; i++) {
            conv("recon_trunk_" + i + "_conv1", nf, nf, 3, 1);
            conv("recon_trunk_" + i + "_conv2", nf, nf, 3, 1);
        }
        conv("upconv1", nf, 4 * nf, 3, 1);
        conv("upconv2", nf, 4 * nf, 3, 2);
        conv("HRconv", nf, nf, 3, 4);
        conv("conv_last", nf, 3, 3, 4);
    }

    @Override
    protected NDArray forward(Pass p, NDArray x) {
        NDArray out = lrelu(p.conv("conv_first", x));
        for (int i = 0; i < blocks; i++) {
            String b = "recon_trunk_" + i + "_conv";
            out = out.add(p.conv(b + "2", p.relu(b + "1", out)));
        }
        out = lrelu(PixelShuffleBlock.pixelShuffle(p.conv("upconv1", out), 2));
        out = lrelu(PixelShuffleBlock.pixelShuffle(p.conv("upconv2", out), 2));
        out = p.conv("conv_last", lrelu(p.conv("HRconv", out)));
        return out.add(bilinear(x, scale()));
    }

    private static NDArray lrelu(NDArray x) {
        return Activation.leakyRelu(x, SLOPE);
    }
}
