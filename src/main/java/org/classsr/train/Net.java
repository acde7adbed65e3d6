package org.classsr.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classsr.files.AtomicFiles;
import org.classsr.model.ModelWriter;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;
import org.classsr.nn.BilinearPathInit;
import org.classsr.nn.CarnBilinearStart;
import org.classsr.nn.CarnNet;
import org.classsr.nn.BlockParameters;
import org.classsr.nn.ClassifierNet;
import org.classsr.nn.FsrcnnNet;

/**
 * A network being trained: its block and the manager that owns exactly its parameters.
 */
public final class Net implements AutoCloseable {

    private final Block block;
    private final NDManager manager;

    private Net(Block block, NDManager manager) {
        this.block = block;
        this.manager = manager;
    }

    /** An FSRCNN of width {@code channels} (s = 12, m = 4, x4), initialised from {@code seed}. */
    public static Net fsrcnn(int channels, int lrSize, long seed) {
        return fsrcnn(channels, lrSize, seed, TrainSettings.Init.XAVIER);
    }

    /** As {@link #fsrcnn(int, int, long)}, then started at bilinear upscaling when asked. */
    public static Net fsrcnn(int channels, int lrSize, long seed, TrainSettings.Init start) {
        FsrcnnNet.Spec spec = FsrcnnNet.builder().setChannels(channels).spec();
        Net net = init(spec.toBlock(), lrSize, seed);
        if (start == TrainSettings.Init.BILINEAR) {
            BilinearPathInit.apply(net.parameters(), spec);
        }
        return net;
    }

    /**
     * A network of family {@code arch} (a registry name) and width {@code channels}, x4, with the
     * family's other options at their defaults. A bilinear {@code start} applies to FSRCNN and
     * CARN-M ({@link CarnBilinearStart}); SRResNet already adds a bilinear skip, RCAN starts at
     * random.
     */
    public static Net sr(String arch, int channels, int lrSize, long seed, TrainSettings.Init start) {
        if (arch.equals(SrFamily.FSRCNN)) {
            return fsrcnn(channels, lrSize, seed, start);
        }
        NetworkSpec spec = SrFamily.spec(arch, channels);
        Net net = init(NetworkRegistry.factory(arch).build(spec, 4), lrSize, seed);
        if (start == TrainSettings.Init.BILINEAR && net.block() instanceof CarnNet carn) {
            CarnBilinearStart.apply(carn, channels, SrFamily.groups(arch));
        }
        return net;
    }

    /** As {@link #sr(String, int, int, long, TrainSettings.Init)}, started at random. */
    public static Net sr(String arch, int channels, int lrSize, long seed) {
        return sr(arch, channels, lrSize, seed, TrainSettings.Init.XAVIER);
    }

    /**
     * A Class-Module initialised from {@code seed}; with {@code zeroHead} its final Linear layer
     * starts at zero, so every sub-image starts at p = (1/3, 1/3, 1/3).
     */
    public static Net classifier(int width, int features, int lrSize, long seed, boolean zeroHead) {
        Net net = init(ClassifierNet.builder().optWidth(width).optFeatures(features).build(), lrSize, seed);
        if (zeroHead) {
            List<Parameter> ps = new ArrayList<>(BlockParameters.parameters(net.block).values());
            for (Parameter p : ps.subList(ps.size() - 2, ps.size())) {
                p.getArray().muli(0);
            }
        }
        return net;
    }

    private static Net init(Block block, int lrSize, long seed) {
        NDManager manager = NDManager.newBaseManager();
        try {
            Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, lrSize, lrSize));
            return new Net(block, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public Block block() {
        return block;
    }

    public Map<String, Parameter> parameters() {
        return BlockParameters.parameters(block);
    }

    /** Forward pass; results live on {@code x}'s manager. */
    public NDArray forward(NDArray x, boolean training) {
        return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), training).singletonOrThrow();
    }

    /** Loads weights saved by {@link #save} (or a model folder's safetensors file). */
    public void load(Path weights) throws IOException {
        byte[] bytes = Files.readAllBytes(weights);
        try (NDManager scratch = NDManager.newBaseManager()) {
            BlockParameters.copyInto(block, NDList.decode(scratch, bytes));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(weights + ": " + e.getMessage(), e);
        }
    }

    /** Saves the weights as safetensors (the model folder format), atomically. */
    public void save(Path weights) throws IOException {
        AtomicFiles.write(weights, ModelWriter.encode(block));
    }

    @Override
    public void close() {
        manager.close();
    }
}
