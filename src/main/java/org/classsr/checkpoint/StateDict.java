package org.classsr.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of one network in a checkpoint (e.g. those under {@code net1.}, prefix removed), with
 * a record of which keys the mapping used, so that leftovers are reported as unexpected. Messages
 * name keys with their prefix, as they appear in the file.
 */
final class StateDict {

    private final String prefix;
    private final Map<String, TensorData> tensors;
    private final Set<String> used = new LinkedHashSet<>();

    StateDict(String prefix, Map<String, TensorData> tensors) {
        this.prefix = prefix;
        this.tensors = new LinkedHashMap<>(tensors);
    }

    /** The keys under {@code sub} (e.g. "net1."), with {@code sub} removed. */
    static StateDict under(Map<String, TensorData> all, String sub) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(sub)) {
                out.put(k.substring(sub.length()), v);
            }
        });
        return new StateDict(sub, out);
    }

    boolean isEmpty() {
        return tensors.isEmpty();
    }

    boolean has(String key) {
        return tensors.containsKey(key);
    }

    /** The key as it appears in the file. */
    String fullName(String key) {
        return prefix + key;
    }

    /** A tensor the inference of widths looks at (not marked as used). */
    TensorData peek(String key) {
        TensorData t = tensors.get(key);
        if (t == null) {
            throw new CheckpointException("missing key " + fullName(key) + (tensors.isEmpty() ? ""
                    : " (the first key is " + fullName(tensors.keySet().iterator().next()) + ")"));
        }
        return t;
    }

    /** A tensor a parameter is made from: marked as used. */
    TensorData take(String key) {
        TensorData t = peek(key);
        used.add(key);
        return t;
    }

    /** Marks an optional key as used when present (e.g. BatchNorm's num_batches_tracked). */
    void skip(String key) {
        if (tensors.containsKey(key)) {
            used.add(key);
        }
    }

    /** The size of dimension {@code dim} of a key's tensor, checking its rank. */
    long dim(String key, int rank, int dim) {
        TensorData t = peek(key);
        if (t.rank() != rank) {
            throw new CheckpointException("key " + fullName(key) + " has shape " + t.shapeText() + ", expected "
                    + rank + " dimensions");
        }
        return t.dim(dim);
    }

    /** Keys no mapping used, in file order. */
    List<String> unused() {
        List<String> out = new ArrayList<>();
        for (String k : tensors.keySet()) {
            if (!used.contains(k)) {
                out.add(fullName(k));
            }
        }
        return out;
    }
}
