package org.classsr.checkpoint;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.classsr.nn.BlockParameters;

/**
 * The parameters of one of our networks, filled from checkpoint tensors. Each value is checked
 * against the parameter's shape as it is given, so the first mismatch in network order is the
 * one reported, by its checkpoint key.
 */
final class ParameterTarget {

    private final String network;
    private final Map<String, Parameter> parameters;
    private final Map<String, TensorData> values = new LinkedHashMap<>();

    /**
     * @param block an initialised block
     * @param network how messages name the network, e.g. "srresnet (blocks 2, channels 8)"
     */
    ParameterTarget(Block block, String network) {
        this.network = network;
        this.parameters = BlockParameters.parameters(block);
    }

    /** Our parameter names, in network order. */
    Iterable<String> names() {
        return parameters.keySet();
    }

    /** The shape our parameter has. */
    Shape shape(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalStateException("no parameter " + name + " in " + network);
        }
        return p.getShape();
    }

    /**
     * Sets our parameter {@code name} from a tensor.
     *
     * @param source the checkpoint key(s) it came from, for the message
     * @throws CheckpointException if the shapes differ
     */
    void put(String name, TensorData value, String source) {
        Shape want = shape(name);
        if (!want.equals(new Shape(value.shape()))) {
            throw new CheckpointException("key " + source + " has shape " + value.shapeText() + " but " + network
                    + " needs " + java.util.Arrays.toString(want.getShape()));
        }
        values.put(name, value);
    }

    /** Copies every value into the block; every parameter must have one (else the mapping is wrong). */
    void fill() {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            TensorData v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalStateException("import mapping left " + e.getKey() + " of " + network + " unset");
            }
            BlockParameters.assign(e.getValue().getArray(), v.data());
        }
    }
}
