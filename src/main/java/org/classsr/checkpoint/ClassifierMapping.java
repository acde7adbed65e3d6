package org.classsr.checkpoint;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.classsr.model.NetworkRegistry;
import org.classsr.model.NetworkSpec;

/**
 * ClassSR's Class-Module ({@code Classifier} of {@code classSR_*_arch.py}): {@code CondNet} =
 * convs 0, 2, 4, 6, 8 with LeakyReLUs between, then {@code lastOut} (Linear), in the order of
 * our {@link org.classsr.nn.ClassifierNet}. Upstream pools by the input height, ours globally:
 * the same on the square tiles both run on.
 */
final class ClassifierMapping implements NetworkMapping {

    private static final List<String> CONVS = List.of("CondNet.0", "CondNet.2", "CondNet.4", "CondNet.6", "CondNet.8");
    private static final String LINEAR = "lastOut";

    @Override
    public NetworkSpec infer(StateDict sd) {
        GraphMapping.requireRgb(sd, CONVS.get(0));
        long width = sd.dim("CondNet.0.weight", 4, 0);
        long features = sd.dim("CondNet.8.weight", 4, 0);
        long classes = sd.dim(LINEAR + ".weight", 2, 0);
        return GraphMapping.spec(NetworkRegistry.CLASSIFIER,
                Map.of("width", width, "features", features, "classes", classes));
    }

    @Override
    public void convert(StateDict sd, Block block, ParameterTarget target) {
        int conv = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            Block b = child.getValue();
            String key = b instanceof Conv2d ? CONVS.get(conv++) : b instanceof Linear ? LINEAR : null;
            if (key != null) {
                target.put(child.getKey() + "_weight", sd.take(key + ".weight"), sd.fullName(key + ".weight"));
                target.put(child.getKey() + "_bias", sd.take(key + ".bias"), sd.fullName(key + ".bias"));
            }
        }
    }
}
