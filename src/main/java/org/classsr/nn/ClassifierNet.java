package org.classsr.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * ClassSR's Class-Module: sorts an LR sub-image into {@code classes} difficulty classes.
 *
 * <p>Layers, on an input {@code (N, 3, H, W)} in [0, 1] (H and W multiples of 4; ClassSR uses 32):
 * Conv2d(3 -> width, kernel 4, stride 4) + LeakyReLU(0.1); three 1x1 Conv2d(width -> width) +
 * LeakyReLU(0.1); 1x1 Conv2d(width -> features); global average pool; Linear(features ->
 * classes). Output: {@code (N, classes)} logits (no softmax).
 */
public final class ClassifierNet {

    /** The LeakyReLU slope of upstream. */
    public static final float LEAKY_SLOPE = 0.1f;

    private ClassifierNet() {}

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The validated hyper-parameters.
     *
     * @param classes the number of classes (outputs)
     * @param width the width of the convolutional trunk
     * @param features the width before pooling
     */
    public record Spec(int classes, int width, int features) {

        /** Validates the values. */
        public Spec {
            if (classes < 1 || width < 1 || features < 1) {
                throw new IllegalArgumentException(
                        "Classifier classes, width and features must be >= 1, got "
                                + classes + ", " + width + ", " + features);
            }
        }

        /**
         * Builds the network.
         *
         * @return a new, uninitialised block
         */
        public Block toBlock() {
            SequentialBlock net = new SequentialBlock();
            net.add(
                            Conv2d.builder()
                                    .setKernelShape(new Shape(4, 4))
                                    .optStride(new Shape(4, 4))
                                    .setFilters(width)
                                    .build())
                    .add(Activation.leakyReluBlock(LEAKY_SLOPE));
            for (int i = 0; i < 3; i++) {
                net.add(FsrcnnNet.conv(width, 1)).add(Activation.leakyReluBlock(LEAKY_SLOPE));
            }
            net.add(FsrcnnNet.conv(features, 1));
            net.add(Pool.globalAvgPool2dBlock());
            net.add(Linear.builder().setUnits(classes).build());
            return net;
        }
    }

    /** Builder: every option has the ClassSR default. */
    public static final class Builder {

        private int classes = 3;
        private int width = 128;
        private int features = 32;

        Builder() {}

        /**
         * Sets the number of classes. Default 3 (simple / medium / hard).
         *
         * @param n the count
         * @return this builder
         */
        public Builder optClasses(int n) {
            this.classes = n;
            return this;
        }

        /**
         * Sets the trunk width. Default 128.
         *
         * @param w the width
         * @return this builder
         */
        public Builder optWidth(int w) {
            this.width = w;
            return this;
        }

        /**
         * Sets the width before pooling. Default 32.
         *
         * @param f the width
         * @return this builder
         */
        public Builder optFeatures(int f) {
            this.features = f;
            return this;
        }

        /**
         * Returns the validated hyper-parameters.
         *
         * @return the spec
         */
        public Spec spec() {
            return new Spec(classes, width, features);
        }

        /**
         * Builds the network.
         *
         * @return a new, uninitialised block
         */
        public Block build() {
            return spec().toBlock();
        }
    }
}
