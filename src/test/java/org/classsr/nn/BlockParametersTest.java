package org.classsr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockParametersTest {

    private static final Shape PATCH = new Shape(1, 3, 8, 8);

    @Test
    void fsrcnnParametersInStableOrder() {
        Block net = FsrcnnNet.builder().setChannels(16).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NnTesting.init(net, manager, PATCH);
            Map<String, Shape> shapes = BlockParameters.shapes(net);
            List<String> names = new ArrayList<>(shapes.keySet());
            assertEquals(8 * 2 + 7, names.size()); // 8 convs (weight, bias) + 7 PReLUs
            assertEquals(
                    List.of("01Conv2d_weight", "01Conv2d_bias", "02PreluBlock_alpha", "03Conv2d_weight"),
                    names.subList(0, 4));
            assertEquals(List.of("15Conv2d_weight", "15Conv2d_bias"), names.subList(names.size() - 2, names.size()));
            assertEquals(new Shape(16, 3, 5, 5), shapes.get("01Conv2d_weight"));
            assertEquals(new Shape(16), shapes.get("02PreluBlock_alpha"));
            assertEquals(new Shape(48, 16, 3, 3), shapes.get("15Conv2d_weight"));
            assertEquals(new Shape(48), shapes.get("15Conv2d_bias"));
            // the same names before initialisation
            Block fresh = FsrcnnNet.builder().setChannels(16).build();
            assertEquals(names, new ArrayList<>(BlockParameters.parameters(fresh).keySet()));
        }
    }

    @Test
    void shapesNeedAnInitialisedBlock() {
        assertThrows(
                IllegalStateException.class,
                () -> BlockParameters.shapes(FsrcnnNet.builder().setChannels(4).build()));
    }

    @Test
    void mismatchesNameEveryProblem() {
        Block net = ClassifierNet.builder().optWidth(8).optFeatures(4).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NnTesting.init(net, manager, new Shape(1, 3, 32, 32));
            Map<String, Shape> stored = new LinkedHashMap<>(BlockParameters.shapes(net));
            assertTrue(BlockParameters.mismatches(net, stored).isEmpty());
            stored.remove("01Conv2d_bias");
            stored.put("11Linear_weight", new Shape(3, 5));
            stored.put("extra", new Shape(1));
            List<String> problems = BlockParameters.mismatches(net, stored);
            assertEquals(
                    List.of(
                            "missing parameter 01Conv2d_bias (8)",
                            "parameter 11Linear_weight: expected shape (3, 4), found (3, 5)",
                            "unexpected parameter extra (1)"),
                    problems);
        }
    }

    @Test
    void copyIntoMakesTwoNetworksAgree() {
        Block source = FsrcnnNet.builder().setChannels(4).optShrink(3).optMapping(1).build();
        Block target = FsrcnnNet.builder().setChannels(4).optShrink(3).optMapping(1).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NnTesting.init(source, manager, PATCH);
            NnTesting.init(target, manager, PATCH);
            NDList named = new NDList();
            for (Map.Entry<String, Parameter> e : BlockParameters.parameters(source).entrySet()) {
                NDArray copy = e.getValue().getArray().duplicate();
                copy.setName(e.getKey());
                named.add(copy);
            }
            BlockParameters.copyInto(target, named);
            NDArray x = manager.randomUniform(0f, 1f, PATCH);
            assertArrayEquals(
                    NnTesting.forward(source, manager, x).toFloatArray(),
                    NnTesting.forward(target, manager, x).toFloatArray());

            named.get(0).setName("wrong");
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> BlockParameters.copyInto(target, named));
            assertTrue(e.getMessage().contains("missing parameter 01Conv2d_weight"), e.getMessage());
        }
    }

    @Test
    void djlSaveAndLoadRoundTrip() throws Exception {
        Block source = FsrcnnNet.builder().setChannels(4).optShrink(3).optMapping(1).build();
        Block target = FsrcnnNet.builder().setChannels(4).optShrink(3).optMapping(1).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NnTesting.init(source, manager, PATCH);
            NnTesting.init(target, manager, PATCH);
            NDArray alpha = BlockParameters.parameters(source).get("02PreluBlock_alpha").getArray();
            alpha.set(new float[] {0.1f, 0.2f, 0.3f, 0.4f});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                source.saveParameters(out);
            }
            byte[] saved = bytes.toByteArray();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
                target.loadParameters(manager, in);
            }
            NDArray x = manager.randomUniform(-1f, 1f, PATCH);
            assertArrayEquals(
                    NnTesting.forward(source, manager, x).toFloatArray(),
                    NnTesting.forward(target, manager, x).toFloatArray());
        }
    }
}
