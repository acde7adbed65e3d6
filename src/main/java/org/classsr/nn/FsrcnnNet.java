package org.classsr.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/**
 * FSRCNN (Dong, Loy, Tang, ECCV 2016) as used by ClassSR, with the upscaling tail in sub-pixel
 * form.
 *
 * <p>Layers, on an input {@code (N, colors, H, W)} in [0, 1]:
 *
 * <ol>
 *   <li>feature extraction: 5x5 conv (pad 2) colors -> d, PReLU;
 *   <li>shrinking: 1x1 conv d -> s, PReLU;
 *   <li>mapping: m times (3x3 conv (pad 1) s -> s, PReLU);
 *   <li>expanding: 1x1 conv s -> d, PReLU;
 *   <li>sub-pixel tail: 3x3 conv (pad 1) d -> colors*scale*scale, then {@link PixelShuffleBlock}
 *       (scale).
 * </ol>
 *
 * Output: {@code (N, colors, H*scale, W*scale)}. Upstream ends with {@code ConvTranspose2d(d,
 * colors, 9, stride 4, padding 3, output_padding 1)}; for scale 4 the sub-pixel tail computes
 * exactly the same function (convert trained weights with {@link SubPixelConverter}), and it runs
 * on DJL's PyTorch engine, where {@code Conv2dTranspose.forward} is not implemented.
 *
 * <p>The block is a flat {@link SequentialBlock}; parameter names are listed by {@link
 * BlockParameters}.
 */
public final class FsrcnnNet {

    private FsrcnnNet() {}

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The validated hyper-parameters of one FSRCNN.
     *
     * @param channels d, the feature width
     * @param shrink s, the shrunk width
     * @param mapping m, the number of 3x3 mapping layers
     * @param scale the upscaling factor
     * @param colors the number of image channels in and out
     */
    public record Spec(int channels, int shrink, int mapping, int scale, int colors) {

        /** Validates the values. */
        public Spec {
            positive("channels (d)", channels);
            positive("shrink (s)", shrink);
            if (mapping < 0) {
                throw new IllegalArgumentException("FSRCNN mapping (m) must be >= 0, got " + mapping);
            }
            positive("scale", scale);
            positive("colors", colors);
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("FSRCNN " + name + " must be >= 1, got " + value);
            }
        }

        /**
         * Builds the network.
         *
         * @return a new, uninitialised block
         */
        public Block toBlock() {
            SequentialBlock net = new SequentialBlock();
            net.add(conv(channels, 5)).add(new PreluBlock(channels));
            net.add(conv(shrink, 1)).add(new PreluBlock(shrink));
            for (int i = 0; i < mapping; i++) {
                net.add(conv(shrink, 3)).add(new PreluBlock(shrink));
            }
            net.add(conv(channels, 1)).add(new PreluBlock(channels));
            net.add(conv(colors * scale * scale, 3)).add(new PixelShuffleBlock(scale));
            return net;
        }
    }

    /**
     * A 'same' convolution with bias: odd kernel k, stride 1, padding (k-1)/2.
     *
     * @param filters the output channels
     * @param kernel the odd kernel size
     * @return the block
     */
    static Conv2d conv(int filters, int kernel) {
        int pad = (kernel - 1) / 2;
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .setFilters(filters)
                .build();
    }

    /** Builder: {@code setChannels} is required, every {@code opt...} has the ClassSR default. */
    public static final class Builder {

        private int channels = -1;
        private int shrink = 12;
        private int mapping = 4;
        private int scale = 4;
        private int colors = 3;

        Builder() {}

        /**
         * Sets d, the feature width (ClassSR: 16 / 36 / 56). Required.
         *
         * @param d the width
         * @return this builder
         */
        public Builder setChannels(int d) {
            this.channels = d;
            return this;
        }

        /**
         * Sets s, the shrunk width. Default 12.
         *
         * @param s the width
         * @return this builder
         */
        public Builder optShrink(int s) {
            this.shrink = s;
            return this;
        }

        /**
         * Sets m, the number of 3x3 mapping layers. Default 4.
         *
         * @param m the count
         * @return this builder
         */
        public Builder optMapping(int m) {
            this.mapping = m;
            return this;
        }

        /**
         * Sets the upscaling factor. Default 4.
         *
         * @param factor the factor
         * @return this builder
         */
        public Builder optScale(int factor) {
            this.scale = factor;
            return this;
        }

        /**
         * Sets the number of image channels. Default 3 (RGB).
         *
         * @param c the count
         * @return this builder
         */
        public Builder optColors(int c) {
            this.colors = c;
            return this;
        }

        /**
         * Returns the validated hyper-parameters.
         *
         * @return the spec
         * @throws IllegalArgumentException if channels was not set or a value is out of range
         */
        public Spec spec() {
            if (channels == -1) {
                throw new IllegalArgumentException("FSRCNN channels (d) must be set");
            }
            return new Spec(channels, shrink, mapping, scale, colors);
        }

        /**
         * Builds the network.
         *
         * @return a new, uninitialised block
         * @throws IllegalArgumentException if channels was not set or a value is out of range
         */
        public Block build() {
            return spec().toBlock();
        }
    }
}
