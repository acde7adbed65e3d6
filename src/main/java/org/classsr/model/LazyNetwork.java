package org.classsr.model;

import ai.djl.Device;
import ai.djl.Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One network of a model folder, loaded when first used: its cost per LR tile in both conventions
 * (executed: what the hardware runs; paper: the ClassSR table's count) is known from model.conf
 * alone, and its weights are read, checked (SHA-256, parameter names and shapes) and loaded the
 * first time {@link #model()} is called. Thread-safe: the first caller loads, concurrent callers
 * wait for it, and all share the one loaded model, so a cached model folder loads each network at
 * most once per JVM. A failed load is not remembered: the next call tries again (and fails with
 * the same message if nothing changed).
 *
 * <p>Devices: {@link #model()} loads on DJL's default device; {@link #model(Device)} on a named
 * one (a Spark task's GPU), once per device, so an executor with two GPUs holds one copy on each.
 */
public final class LazyNetwork implements AutoCloseable {

    private final Path folder;
    private final ModelSpec spec;
    private final NetworkEntry entry;
    private final Macs macs;
    private final Object lock = new Object();
    /** The default device's model (null key) and any named device's, each loaded once. */
    private final Map<Device, Model> models = new LinkedHashMap<>(); // guarded by lock
    private volatile Model model;
    private volatile boolean verified;
    private boolean closed; // guarded by lock

    LazyNetwork(Path folder, ModelSpec spec, NetworkEntry entry, Macs macs) {
        this.folder = folder;
        this.spec = spec;
        this.entry = entry;
        this.macs = macs;
    }

    public String name() {
        return entry.name();
    }

    public NetworkEntry entry() {
        return entry;
    }

    /** Multiply-accumulates per LR tile, executed and as the paper counts them (known without loading the weights). */
    public Macs macs() {
        return macs;
    }

    /** Whether the weights are loaded in this JVM, on any device (what a task has cost in memory). */
    public boolean isLoaded() {
        synchronized (lock) {
            return !models.isEmpty();
        }
    }

    /** Whether the weights are loaded on {@code device} (null: DJL's default device) in this JVM. */
    public boolean isLoadedOn(Device device) {
        synchronized (lock) {
            return models.containsKey(device);
        }
    }

    /**
     * The network with its weights on DJL's default device, loaded on the first call.
     *
     * @throws ModelException when the weight file is unreadable, changed, or does not fit the architecture
     * @throws IllegalStateException after {@link #close()}
     */
    public Model model() {
        Model m = model;
        return m != null ? m : model(null);
    }

    /**
     * The network with its weights on {@code device} (null: DJL's default device), loaded on the
     * first call for that device.
     *
     * @throws ModelException when the weight file is unreadable, changed, or does not fit the architecture
     * @throws IllegalStateException after {@link #close()}
     */
    public Model model(Device device) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("network '" + name() + "' of " + folder + " is closed");
            }
            Model m = models.get(device);
            if (m == null) {
                m = ModelLoader.loadModel(folder, spec, entry, device);
                models.put(device, m);
                verified = true;
                if (device == null) {
                    model = m;
                }
            }
            return m;
        }
    }

    /**
     * Checks the weights as loading does (SHA-256, parameter names and shapes) without keeping
     * them, so that a driver can refuse a broken model before any work while its executors still
     * load only what they use. Nothing to do once loaded or checked.
     *
     * @throws ModelException naming the file and the problem
     */
    public void verify() {
        if (verified) {
            return;
        }
        synchronized (lock) {
            if (!verified) {
                ModelLoader.loadModel(folder, spec, entry).close();
                verified = true;
            }
        }
    }

    /** Frees the weights if loaded; the network cannot be used afterwards. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            models.values().forEach(Model::close);
            models.clear();
            model = null;
        }
    }

    @Override
    public String toString() {
        return "LazyNetwork[" + name() + " of " + folder + (isLoaded() ? ", loaded" : "") + "]";
    }
}
