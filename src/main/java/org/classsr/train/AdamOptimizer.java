package org.classsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.nn.BlockParameters;

/**
 * Adam (Kingma and Ba, 2015) on NDArrays, written out so that its state (first and second
 * moments per parameter, and the step count) can be checkpointed with the weights and a resumed
 * run continues exactly where it stopped:
 *
 * <pre>
 * m = b1 m + (1 - b1) g          v = b2 v + (1 - b2) g^2
 * w = w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * Defaults b1 = 0.9, b2 = 0.999, eps = 1e-8 (those of torch.optim.Adam, as upstream). Gradients
 * are read from the parameters (DJL accumulates them) and zeroed after each update.
 */
public final class AdamOptimizer implements AutoCloseable {

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;
    static final String M = "adam.m.";
    static final String V = "adam.v.";
    /** The update count; older checkpoints lack it (their step is the count). */
    static final String T = "adam.t";

    private final Map<String, Parameter> params;
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long t;

    /** @param params the trainable parameters by name (initialised) */
    public AdamOptimizer(Map<String, Parameter> params) {
        this.params = new LinkedHashMap<>(params);
        this.manager = NDManager.newBaseManager();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray w = e.getValue().getArray();
            m.put(e.getKey(), manager.zeros(w.getShape(), w.getDataType()));
            v.put(e.getKey(), manager.zeros(w.getShape(), w.getDataType()));
        }
    }

    /** Number of updates done. */
    public long updates() {
        return t;
    }

    /** One update with learning rate {@code lr}; zeroes the gradients. */
    public void step(double lr) {
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        try (NDManager scratch = manager.newSubManager()) {
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                NDArray w = e.getValue().getArray();
                NDArray g = w.getGradient();
                g.attach(scratch);
                NDArray mi = m.get(e.getKey());
                NDArray vi = v.get(e.getKey());
                // g lives on scratch, so do results of operations that start from it.
                // float scalars: a double would promote the results to float64
                mi.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
                vi.muli((float) BETA2).addi(g.square().muli((float) (1 - BETA2)));
                NDArray denom = tmp(vi.div((float) bc2), scratch).sqrt().addi((float) EPS);
                NDArray update = tmp(mi.div((float) bc1), scratch).divi(denom).muli((float) lr);
                w.subi(update);
                g.subi(g);
            }
        }
    }

    private static NDArray tmp(NDArray a, NDManager scratch) {
        a.attach(scratch);
        return a;
    }

    /** The state as named arrays (copies): {@code adam.m.NAME}, {@code adam.v.NAME}, {@code adam.t}. */
    public List<NDArray> state(NDManager target) {
        List<NDArray> out = new ArrayList<>();
        NDArray count = target.create(new long[] {t});
        count.setName(T);
        out.add(count);
        for (String name : params.keySet()) {
            out.add(copy(m.get(name), M + name, target));
            out.add(copy(v.get(name), V + name, target));
        }
        return out;
    }

    private static NDArray copy(NDArray a, String name, NDManager target) {
        NDArray c = a.duplicate();
        c.attach(target);
        c.setName(name);
        return c;
    }

    /**
     * Restores moments from arrays named as {@link #state} names them, and the update count
     * ({@code adam.t}, else {@code defaultUpdates}).
     */
    public void load(NDList stored, long defaultUpdates) {
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (NDArray a : stored) {
            byName.put(a.getName(), a);
        }
        for (String name : params.keySet()) {
            set(m.get(name), byName.get(M + name), M + name);
            set(v.get(name), byName.get(V + name), V + name);
        }
        NDArray count = byName.get(T);
        this.t = count == null ? defaultUpdates : count.toType(DataType.INT64, false)
                .toLongArray()[0];
    }

    private static void set(NDArray target, NDArray src, String name) {
        if (src == null || !src.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("checkpoint has no optimizer state " + name + " of shape "
                    + target.getShape() + (src == null ? "" : ", found " + src.getShape()));
        }
        BlockParameters.assign(target, src);
    }

    @Override
    public void close() {
        manager.close();
    }
}
