package org.classsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.nn.BlockParameters;

/**
 * An exponential moving average of the weights (Polyak averaging): after every update
 * {@code a = decay * a + (1 - decay) * w}. The average smooths out the step-to-step noise of the
 * optimizer's last steps, so it usually validates a little better than the last weights; a stage
 * that averages finishes with it. Its state ({@code avg.NAME}) is checkpointed with the weights, so
 * a resumed run averages on exactly as before.
 */
final class WeightAverage implements AutoCloseable {

    static final String PREFIX = "avg.";

    private final Map<String, Parameter> params;
    private final double decay;
    private final NDManager manager;
    private final Map<String, NDArray> average = new LinkedHashMap<>();

    /** Starts the average at the parameters' current values. */
    WeightAverage(Map<String, Parameter> params, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("the weight average's decay must be in (0, 1), got " + decay);
        }
        this.params = new LinkedHashMap<>(params);
        this.decay = decay;
        this.manager = NDManager.newBaseManager();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray a = e.getValue().getArray().duplicate();
            a.attach(manager);
            average.put(e.getKey(), a);
        }
    }

    /** Folds the parameters' current values into the average. */
    void update() {
        try (NDManager scratch = manager.newSubManager()) {
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                NDArray w = e.getValue().getArray();
                NDArray part = w.mul((float) (1 - decay));
                part.attach(scratch);
                average.get(e.getKey()).muli((float) decay).addi(part);
            }
        }
    }

    /** Restarts the average at the parameters' current values (before its start step it follows them). */
    void restart() {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            BlockParameters.assign(average.get(e.getKey()), e.getValue().getArray());
        }
    }

    /** Exchanges the parameters' values and the average (twice = unchanged). */
    void swap() {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray w = e.getValue().getArray();
            NDArray a = average.get(e.getKey());
            try (NDArray live = w.duplicate()) {
                BlockParameters.assign(w, a);
                BlockParameters.assign(a, live);
            }
        }
    }

    /** The average as named arrays (copies) on {@code target}. */
    List<NDArray> state(NDManager target) {
        List<NDArray> out = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : average.entrySet()) {
            NDArray c = e.getValue().duplicate();
            c.attach(target);
            c.setName(PREFIX + e.getKey());
            out.add(c);
        }
        return out;
    }

    /**
     * Restores the average from a checkpoint's arrays; one saved without an average (e.g. by a run
     * that did not average) restarts it at the parameters' current values.
     */
    void load(NDList stored) {
        Map<String, NDArray> byName = Checkpoints.byName(stored);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray target = average.get(e.getKey());
            NDArray src = byName.get(PREFIX + e.getKey());
            if (src != null && !src.getShape().equals(target.getShape())) {
                throw new IllegalArgumentException("checkpoint has " + PREFIX + e.getKey() + " of shape "
                        + src.getShape() + ", expected " + target.getShape());
            }
            NDArray from = src != null ? src : e.getValue().getArray();
            BlockParameters.assign(target, from);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
