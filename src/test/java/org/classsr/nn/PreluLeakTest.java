package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class PreluLeakTest {

    @Test
    void forwardPassesLeaveNothingBehindInTheModelsManager() {
        try (NDManager model = NDManager.newBaseManager()) {
            Block block = FsrcnnNet.builder().setChannels(4).optShrink(3).optMapping(1).build();
            block.initialize(model, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            int before = model.getManagedArrays().size();
            for (int i = 0; i < 5; i++) {
                try (NDManager batch = model.newSubManager()) {
                    block.forward(new ParameterStore(batch, false), new NDList(batch.ones(new Shape(2, 3, 8, 8))), false);
                }
            }
            assertEquals(before, model.getManagedArrays().size());
        }
    }
}
