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
 * <p>With {@link Tail#PHASES} the tail is a {@link PhaseTailBlock} instead: the same function for
 * weights converted from the transposed convolution, computing its 81 real taps per phase pair
 * rather than 144. It holds the same parameters under the same names ({@code NNConv2d_weight},
 * {@code NNConv2d_bias}), so one weight file serves both tails.
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

    /** How the x4 tail is computed. */
    public enum Tail {
        /** A dense 3x3 convolution and a pixel shuffle: every one of the 144 taps is a weight. */
        SUB_PIXEL,
        /**
         * Only the transposed convolution's 81 real taps ({@link PhaseTailBlock}); for x4 weights
         * whose other taps are zero (converted by {@link SubPixelConverter}). Exact, but slower on
         * PyTorch CPU than the dense tail (see PhaseTailBlock).
         */
        PHASES
    }

    /**
     * The validated hyper-parameters of one FSRCNN.
     *
     * @param channels d, the feature width
     * @param shrink s, the shrunk width
     * @param mapping m, the number of 3x3 mapping layers
     * @param scale the upscaling factor
     * @param colors the number of image channels in and out
     * @param tail how the tail is computed
     */
    public record Spec(int channels, int shrink, int mapping, int scale, int colors, Tail tail) {

        /** The dense sub-pixel tail. */
        public Spec(int channels, int shrink, int mapping, int scale, int colors) {
            this(channels, shrink, mapping, scale, colors, Tail.SUB_PIXEL);
        }

        /** Validates the values. */
        public Spec {
            positive("channels (d)", channels);
            positive("shrink (s)", shrink);
            if (mapping < 0) {
                throw new IllegalArgumentException("FSRCNN mapping (m) must be >= 0, got " + mapping);
            }
            positive("scale", scale);
            positive("colors", colors);
            if (tail == null) {
                throw new IllegalArgumentException("FSRCNN tail must be set");
            }
            if (tail == Tail.PHASES && scale != SubPixelConverter.SCALE) {
                throw new IllegalArgumentException(
                        "FSRCNN phase tail is for x" + SubPixelConverter.SCALE + ", got x" + scale);
            }
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
            Layers net = new Layers();
            net.add(conv(channels, 5)).add(new PreluBlock(channels));
            net.add(conv(shrink, 1)).add(new PreluBlock(shrink));
            for (int i = 0; i < mapping; i++) {
                net.add(conv(shrink, 3)).add(new PreluBlock(shrink));
            }
            net.add(conv(channels, 1)).add(new PreluBlock(channels));
            if (tail == Tail.PHASES) {
                net.addNamed("Conv2d", new PhaseTailBlock(colors)); // the dense tail's parameter names
            } else {
                net.add(conv(colors * scale * scale, 3)).add(new PixelShuffleBlock(scale));
            }
            return net;
        }
    }

    /** A sequential block that can name a child, so that the phase tail keeps the conv's names. */
    private static final class Layers extends SequentialBlock {

        void addNamed(String name, Block block) {
            addChildBlock(name, block);
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
        private Tail tail = Tail.SUB_PIXEL;

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
         * Sets how the tail is computed. Default {@link Tail#SUB_PIXEL}.
         *
         * @param t the tail
         * @return this builder
         */
        public Builder optTail(Tail t) {
            this.tail = t;
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
            return new Spec(channels, shrink, mapping, scale, colors, tail);
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
