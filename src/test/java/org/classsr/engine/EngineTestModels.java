package org.classsr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classsr.model.ModelSpec;
import org.classsr.model.NetworkEntry;
import org.classsr.model.Sha256;
import org.classsr.model.TestModels;
import org.classsr.nn.BlockParameters;

/** Hand-set models whose routing and outputs a test can predict. */
final class EngineTestModels {

    /** What each fake branch outputs everywhere: simple, medium, hard. */
    static final float[] BRANCH_VALUE = {0.2f, 0.5f, 0.8f};

    private EngineTestModels() {
    }

    /**
     * A ClassSR model whose classifier routes by mean brightness (dark tiles simple, bright
     * tiles hard) and whose branches output a constant per class.
     */
    static Path brightnessRouted(Path folder) throws IOException {
        return TestModels.write(folder, TestModels.classSrSpec(), 11, blocks -> {
            TestModels.setBrightnessClassifier(blocks.get("classifier"));
            List<String> names = TestModels.CLASSES;
            for (int k = 0; k < names.size(); k++) {
                setConstantOutput(blocks.get(names.get(k)), BRANCH_VALUE[k]);
            }
        });
    }

    /** Zero weights, and the tail bias set to {@code value}: every output pixel is {@code value}. */
    static void setConstantOutput(Block fsrcnn, float value) {
        List<Parameter> params = new ArrayList<>(BlockParameters.parameters(fsrcnn).values());
        for (Parameter p : params) {
            p.getArray().set(new float[(int) p.getArray().size()]);
        }
        NDArray tailBias = params.get(params.size() - 1).getArray();
        float[] bias = new float[(int) tailBias.size()];
        java.util.Arrays.fill(bias, value);
        tailBias.set(bias);
    }

    /**
     * A ClassSR model whose three branches are the same d=56 network, and an "-O" model with
     * those weights: routing must then not change a single output value.
     */
    static Path identicalBranches(Path root) throws IOException {
        ModelSpec base = TestModels.classSrSpec();
        List<NetworkEntry> wide = base.branches().stream()
                .map(b -> new NetworkEntry(b.name(), TestModels.originalSpec().branches().get(0).spec(), b.weights()))
                .toList();
        ModelSpec spec = new ModelSpec(base.name(), base.scale(), base.tileSize(), base.tileStep(), base.classNames(),
                base.classifier(), wide, base.original(), base.thresholdsDb(), base.provenance());
        Path classsr = TestModels.write(root.resolve("classsr"), spec, 21, blocks -> {
            NDList simple = new NDList();
            BlockParameters.parameters(blocks.get("simple")).forEach((name, p) -> {
                NDArray copy = p.getArray().duplicate();
                copy.setName(name);
                simple.add(copy);
            });
            BlockParameters.copyInto(blocks.get("medium"), simple);
            BlockParameters.copyInto(blocks.get("hard"), simple);
        });
        Path original = Files.createDirectories(root.resolve("fsrcnn-o"));
        Files.copy(classsr.resolve("simple.safetensors"), original.resolve("original.safetensors"));
        TestModels.originalSpec().withChecksums(Map.of("original", Sha256.of(original.resolve("original.safetensors"))))
                .write(original);
        return classsr;
    }
}
