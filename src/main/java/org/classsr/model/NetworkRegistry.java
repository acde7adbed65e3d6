package org.classsr.model;

import ai.djl.nn.Block;
import java.util.Map;
import java.util.TreeMap;
import org.classsr.nn.ClassifierNet;
import org.classsr.nn.FsrcnnNet;
import org.classsr.nn.PaperFlops;

/** The one explicit map from architecture names in model.conf to network factories. */
public final class NetworkRegistry {

    public static final String FSRCNN = "fsrcnn";
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

    /** FSRCNN options: channels (d, required), shrink (s, 12), mapping (m, 4). */
    public static FsrcnnNet.Spec fsrcnn(NetworkSpec spec, int scale) {
        return FsrcnnNet.builder()
                .setChannels(spec.require("channels"))
                .optShrink(spec.option("shrink", 12))
                .optMapping(spec.option("mapping", 4))
                .optScale(scale)
                .spec();
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
