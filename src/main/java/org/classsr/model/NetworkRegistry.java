package org.classsr.model;

import ai.djl.nn.Block;
import java.util.Map;
import java.util.TreeMap;
import ai.djl.ndarray.types.Shape;
import org.classsr.nn.CarnNet;
import org.classsr.nn.ClassifierNet;
import org.classsr.nn.ConvGraph;
import org.classsr.nn.FsrcnnNet;
import org.classsr.nn.PaperFlops;
import org.classsr.nn.RcanNet;
import org.classsr.nn.SrResNet;

/** The one explicit map from architecture names in model.conf to network factories. */
public final class NetworkRegistry {

    public static final String FSRCNN = "fsrcnn";
    public static final String CARN = "carn";
    public static final String SRRESNET = "srresnet";
    public static final String RCAN = "rcan";
    public static final String CLASSIFIER = "classsr-classifier";

    private static final Map<String, NetworkFactory> FACTORIES = Map.of(
            FSRCNN, new NetworkFactory() {
                @Override
                public Block build(NetworkSpec spec, int scale) {
                    return fsrcnn(spec, scale).toBlock();
                }

                @Override
                public long paperMacs(NetworkSpec spec, int tileSize, int scale) {
                    return PaperFlops.fsrcnnMacs(fsrcnn(spec, scale), tileSize, tileSize);
                }
            },
            CARN, graph(NetworkRegistry::carn),
            SRRESNET, graph(NetworkRegistry::srresnet),
            RCAN, graph(NetworkRegistry::rcan),
            CLASSIFIER, new NetworkFactory() {
                @Override
                public Block build(NetworkSpec spec, int scale) {
                    return classifier(spec).toBlock();
                }

                @Override
                public long paperMacs(NetworkSpec spec, int tileSize, int scale) {
                    return PaperFlops.classifierMacs(classifier(spec), tileSize, tileSize);
                }
            });

    private NetworkRegistry() {
    }

    /** The FSRCNN option marking a tail imported from a transposed convolution (see {@link FsrcnnNet.Tail}). */
    public static final String TRANSPOSED_TAIL = "transposed-tail";

    /**
     * FSRCNN options: channels (d, required), shrink (s, 12), mapping (m, 4), transposed-tail (0; 1
     * for weights imported from upstream's transposed convolution: only its real taps are computed).
     */
    public static FsrcnnNet.Spec fsrcnn(NetworkSpec spec, int scale) {
        int transposed = spec.option(TRANSPOSED_TAIL, 0);
        if (transposed != 0 && transposed != 1) {
            throw new ModelException("FSRCNN option " + TRANSPOSED_TAIL + " must be 0 or 1, got " + transposed);
        }
        try {
            return FsrcnnNet.builder()
                    .setChannels(spec.require("channels"))
                    .optShrink(spec.option("shrink", 12))
                    .optMapping(spec.option("mapping", 4))
                    .optScale(scale)
                    .optTail(transposed == 1 ? FsrcnnNet.Tail.PHASES : FsrcnnNet.Tail.SUB_PIXEL)
                    .spec();
        } catch (IllegalArgumentException e) {
            throw new ModelException(e.getMessage(), e);
        }
    }

    /** CARN-M options: channels (nf, required), group (4). */
    public static CarnNet carn(NetworkSpec spec, int scale) {
        return new CarnNet(spec.require("channels"), spec.option("group", 4), scale);
    }

    /** MSRResNet options: channels (nf, required), blocks (16). */
    public static SrResNet srresnet(NetworkSpec spec, int scale) {
        return new SrResNet(spec.require("channels"), spec.option("blocks", 16), scale);
    }

    /** RCAN options: channels (n_feats, required), groups (10), blocks (20), reduction (16), range (255). */
    public static RcanNet rcan(NetworkSpec spec, int scale) {
        return new RcanNet(spec.require("channels"), spec.option("groups", 10), spec.option("blocks", 20),
                spec.option("reduction", 16), spec.option("range", 255), scale);
    }

    /**
     * A family written as a {@link ConvGraph}: no transposed convolution, so the paper counts what
     * is executed.
     */
    private static NetworkFactory graph(java.util.function.BiFunction<NetworkSpec, Integer, ConvGraph> make) {
        return new NetworkFactory() {
            @Override
            public Block build(NetworkSpec spec, int scale) {
                return checked(() -> make.apply(spec, scale));
            }

            @Override
            public long paperMacs(NetworkSpec spec, int tileSize, int scale) {
                return checked(() -> make.apply(spec, scale)).macs(new Shape(1, 3, tileSize, tileSize));
            }
        };
    }

    private static ConvGraph checked(java.util.function.Supplier<ConvGraph> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ModelException(e.getMessage(), e);
        }
    }

    /** Class-Module options: classes (3), width (128), features (32). */
    public static ClassifierNet.Spec classifier(NetworkSpec spec) {
        return ClassifierNet.builder()
                .optClasses(spec.option("classes", 3))
                .optWidth(spec.option("width", 128))
                .optFeatures(spec.option("features", 32))
                .spec();
    }

    /** The factory for an architecture name; a clear error lists the known names. */
    public static NetworkFactory factory(String arch) {
        NetworkFactory f = FACTORIES.get(arch);
        if (f == null) {
            throw new ModelException("unknown network architecture '" + arch + "'; known: "
                    + new TreeMap<>(FACTORIES).keySet());
        }
        return f;
    }
}
