package org.classsr.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * One network of a model: the registry name of its architecture and its integer options
 * (for FSRCNN: channels, shrink, mapping; for the classifier: width, features, classes).
 */
public record NetworkSpec(String arch, Map<String, Integer> options) {

    public NetworkSpec {
        if (arch == null || arch.isBlank()) {
            throw new IllegalArgumentException("network architecture name is empty");
        }
        options = Map.copyOf(new TreeMap<>(options));
    }

    /** The option's value, or the default when the model.conf does not set it. */
    public int option(String name, int defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    /** The option's value; fails with a clear message when it is missing. */
    public int require(String name) {
        Integer value = options.get(name);
        if (value == null) {
            throw new ModelException("network '" + arch + "' needs the option '" + name + "'");
        }
        return value;
    }
}
