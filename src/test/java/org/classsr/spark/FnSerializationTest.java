package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every partition function (...Fn) and what travels with tasks survives Java serialization. */
class FnSerializationTest {

    private static final StageSettings STAGE = new StageSettings("/models/m", null, SparkTesting.engine(), 32, 28, 4,
            1000, 6, 1000, null);

    static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void everyFnSerializes() throws Exception {
        List<Object> fns = List.of(
                new ProbeFn(1000),
                new DecodeTilesFn(STAGE),
                new ClassifyFn(STAGE, null),
                new SuperResolveFn(STAGE, null),
                new StitchWriteFn(STAGE, List.of(new ImagePlan(0, "file:/a.png", "a", "file:/o/a.png", null, 10, 10,
                        "png")), null),
                new GeoUpscaleFn(STAGE, org.classsr.geo.GeoSettings.of(List.of(3, 2, 1), List.of(0, 10000))));
        for (Object fn : fns) {
            assertNotNull(roundTrip(fn), fn.getClass().getName());
        }
        // The list above must name every ...Fn of the package.
        Set<String> listed = fns.stream().map(f -> f.getClass().getSimpleName()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/classsr/spark"))) {
            Set<String> all = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Fn.java"))
                    .map(n -> n.substring(0, n.length() - 5)).collect(Collectors.toSet());
            assertEquals(all, listed);
        }
    }

    @Test
    void keysRecordsAndPartitionersSerialize() throws Exception {
        for (Object o : List.of(new TileKey(1, 2, 0), new TileOrder(), TileRecord.failure(3, "bad"),
                ClassPartitioner.plan(java.util.Map.of(0, 10L, 2, 30L), 3, 4), new ImagePartitioner(3), STAGE)) {
            assertNotNull(roundTrip(o));
        }
    }
}
