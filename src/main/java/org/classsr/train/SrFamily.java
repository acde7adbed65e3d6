package org.classsr.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classsr.model.NetworkEntry;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;
import org.classsr.model.WeightsFile;
import org.classsr.nn.CarnBilinearStart;

/**
 * The SR family a training run trains ({@code classsr.train.arch}): how a network of a given
 * width is described in model.conf, and the names of the folders 'package' writes
 * ({@code ARCH-o/} and {@code classsr-ARCH/}). Every other option takes the registry's default
 * (the paper's: FSRCNN s 12 m 4, CARN-M group 4, SRResNet 16 blocks, RCAN 10 x 20, reduction 16).
 */
final class SrFamily {

    static final String FSRCNN = NetworkRegistry.FSRCNN;
    static final List<String> KNOWN = List.of(NetworkRegistry.FSRCNN, NetworkRegistry.CARN, NetworkRegistry.SRRESNET,
            NetworkRegistry.RCAN);

    private SrFamily() {
    }

    /** The model.conf description of a network of this family and width. */
    static NetworkSpec spec(String arch, int channels) {
        Map<String, Integer> options = new LinkedHashMap<>();
        options.put("channels", channels);
        if (arch.equals(FSRCNN)) {
            options.put("shrink", 12);
            options.put("mapping", 4);
        }
        return new NetworkSpec(arch, options);
    }

    static NetworkEntry entry(String arch, String name, int channels) {
        return new NetworkEntry(name, spec(arch, channels), new WeightsFile(name + ".safetensors", ""));
    }

    /** The channel groups of the family's grouped convolutions (CARN-M's default 4; else 1). */
    static int groups(String arch) {
        return arch.equals(NetworkRegistry.CARN) ? 4 : 1;
    }

    /**
     * The feature channels a narrower branch must keep when sliced from the family's "-O"
     * network: under a bilinear start, CARN's image carriers; else none.
     */
    static int[] sliceKeeps(String arch, TrainSettings.Init init) {
        return arch.equals(NetworkRegistry.CARN) && init == TrainSettings.Init.BILINEAR
                ? CarnBilinearStart.carriers() : new int[0];
    }

    /** {@code fsrcnn-o}, {@code carn-o}, ... */
    static String originalFolder(String arch) {
        return arch + "-o";
    }

    /** {@code classsr-fsrcnn}, {@code classsr-carn}, ... */
    static String classsrFolder(String arch) {
        return "classsr-" + arch;
    }

    /** "FSRCNN-O", "CARN-O", ... for messages and charts. */
    static String originalName(String arch) {
        return arch.toUpperCase(java.util.Locale.ROOT) + "-O";
    }
}
