package org.classsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists a block's parameters by path name, in a stable order, so that weights stored as named
 * tensors ({@code .npz}, {@code .safetensors}) can be matched and shape-checked.
 *
 * <p>Naming: exactly the keys of DJL's {@link Block#getParameters()}: the child names from the
 * root down, then the parameter name, joined by {@code '_'}. A {@link ai.djl.nn.SequentialBlock}
 * names its children {@code NN} + class simple name, {@code NN} = 1-based position on two digits;
 * so FSRCNN (m = 4) gives {@code 01Conv2d_weight, 01Conv2d_bias, 02PreluBlock_alpha, 03Conv2d_weight,
 * ..., 15Conv2d_weight, 15Conv2d_bias} (the sub-pixel tail conv is the last Conv2d) and the
 * classifier {@code 01Conv2d_weight ... 09Conv2d_bias, 11Linear_weight, 11Linear_bias}
 * (activations and pooling have no parameters but take positions). Order: depth-first, in
 * child order, a block's direct parameters before its children's. The names depend on the
 * architecture only, not on initialisation.
 */
public final class BlockParameters {

    private BlockParameters() {}

    /**
     * Returns the parameters by path name, in order.
     *
     * @param block the block
     * @return an unmodifiable ordered map
     */
    public static Map<String, Parameter> parameters(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (out.put(p.getKey(), p.getValue()) != null) {
                throw new IllegalStateException("Duplicate parameter name " + p.getKey());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Returns the parameter shapes by path name, in order.
     *
     * @param block an initialised block (shapes are known only after initialisation)
     * @return an unmodifiable ordered map
     * @throws IllegalStateException if a shape is not known yet
     */
    public static Map<String, Shape> shapes(Block block) {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters(block).entrySet()) {
            Shape shape = e.getValue().getShape();
            if (shape == null) {
                throw new IllegalStateException(
                        "Shape of parameter " + e.getKey() + " is unknown: initialise the block first");
            }
            out.put(e.getKey(), shape);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Lists every difference between the block's parameters and a set of named shapes: missing,
     * unexpected and mismatched names. An empty list means they match exactly.
     *
     * @param block an initialised block
     * @param stored the shapes found, by name
     * @return human-readable problems, one per entry, in parameter order
     */
    public static List<String> mismatches(Block block, Map<String, Shape> stored) {
        List<String> problems = new ArrayList<>();
        Map<String, Shape> expected = shapes(block);
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            Shape got = stored.get(e.getKey());
            if (got == null) {
                problems.add("missing parameter " + e.getKey() + " " + e.getValue());
            } else if (!got.equals(e.getValue())) {
                problems.add(
                        "parameter " + e.getKey() + ": expected shape " + e.getValue() + ", found " + got);
            }
        }
        for (String name : stored.keySet()) {
            if (!expected.containsKey(name)) {
                problems.add("unexpected parameter " + name + " " + stored.get(name));
            }
        }
        return problems;
    }

    /**
     * Copies named arrays into an initialised block's parameters, after checking that names and
     * shapes match exactly.
     *
     * @param block an initialised block
     * @param named arrays named as {@link #parameters(Block)} names them (e.g. from {@code
     *     NDList.decode})
     * @throws IllegalArgumentException listing every problem if names or shapes do not match
     */
    public static void copyInto(Block block, NDList named) {
        Map<String, NDArray> byName = new LinkedHashMap<>();
        Map<String, Shape> storedShapes = new LinkedHashMap<>();
        for (NDArray a : named) {
            String name = a.getName();
            if (name == null || byName.put(name, a) != null) {
                throw new IllegalArgumentException("Stored arrays need unique names, found " + name);
            }
            storedShapes.put(name, a.getShape());
        }
        List<String> problems = mismatches(block, storedShapes);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Stored weights do not fit the network: " + String.join("; ", problems));
        }
        for (Map.Entry<String, Parameter> e : parameters(block).entrySet()) {
            assign(e.getValue().getArray(), byName.get(e.getKey()));
        }
    }

    /**
     * Copies {@code src}'s values into {@code target} in place, as an indexed assignment.
     *
     * <p>Not {@code target.set(ByteBuffer)}: DJL's PyTorch engine runs that under libtorch's
     * deprecated {@code AutoNonVariableTypeMode} guard, whose constructor prints a deprecation
     * warning to stderr on every run. An in-place assignment to a leaf that requires a gradient is
     * refused by autograd, so the flag is lifted for the copy and restored after it.
     */
    public static void assign(NDArray target, NDArray src) {
        boolean grad = target.hasGradient();
        if (grad) {
            target.setRequiresGradient(false);
        }
        try (NDArray converted = src.toType(target.getDataType(), true)) {
            target.set(new NDIndex("..."), converted);
        } finally {
            if (grad) {
                target.setRequiresGradient(true);
            }
        }
    }

    /** Copies {@code values} (in the target's shape, row-major) into {@code target} in place, as {@link #assign(NDArray, NDArray)}. */
    public static void assign(NDArray target, float[] values) {
        try (NDArray src = target.getManager().create(values, target.getShape())) {
            assign(target, src);
        }
    }
}
