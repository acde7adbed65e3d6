package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.Partitioner;
import org.classsr.engine.BudgetRouter;
import org.classsr.engine.BudgetSettings;
import org.classsr.engine.TileCosts;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** Every instance field of the copy equals the original's: nothing is lost or made transient by mistake. */
    private static void assertSameState(Object original, Object copy) throws IllegalAccessException {
        assertSameValue(original, copy, original.getClass().getSimpleName());
    }

    /** Deep equality that looks inside arrays, lists and the project's own classes and records field by field. */
    private static void assertSameValue(Object a, Object b, String name) throws IllegalAccessException {
        if (a == null || b == null) {
            assertEquals(a, b, name);
        } else if (a.getClass().isArray()) {
            assertTrue(java.util.Objects.deepEquals(a, b), name);
        } else if (a instanceof List<?> la && b instanceof List<?> lb) {
            assertEquals(la.size(), lb.size(), name);
            for (int k = 0; k < la.size(); k++) {
                assertSameValue(la.get(k), lb.get(k), name + "[" + k + "]");
            }
        } else if (a.getClass().getName().startsWith("org.classsr.") && !a.getClass().isEnum()) {
            assertEquals(a.getClass(), b.getClass(), name);
            for (Class<?> c = a.getClass(); c != Object.class && c != Record.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    assertSameValue(f.get(a), f.get(b), name + "." + f.getName());
                }
            }
        } else {
            assertEquals(a, b, name);
        }
    }

    @Test
    void everyFnKeepsItsStateThroughSerialization() throws Exception {
        List<Object> fns = List.of(
                new ProbeFn(1000),
                new ProbeGroupFn(1000),
                new DecodeTilesFn(STAGE),
                new DecodeGroupFn(STAGE),
                new ClassifyFn(STAGE, null),
                new SuperResolveFn(STAGE, null),
                new ScoreBlockFn(),
                new RouteFn(BudgetRouter.plan(List.of(new BudgetRouter.Scores("a.png", new float[] {0, 0, 1})),
                        new TileCosts(new long[] {1, 2, 3}, 3),
                        new BudgetSettings(0.5, BudgetSettings.Flops.PAPER, BudgetSettings.Scope.JOB)), new int[] {0}),
                new StitchWriteFn(STAGE, List.of(new ImagePlan(0, "file:/a.png", "a", "file:/o/a.png", null, 10, 10,
                        "png")), null),
                new GeoUpscaleFn(STAGE, org.classsr.geo.GeoSettings.of(List.of(3, 2, 1), List.of(0, 10000))));
        for (Object fn : fns) {
            assertSameState(fn, roundTrip(fn));
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
    void deserialisedFnsDoTheSameWork(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("a.png");
        FloatImage image = FloatImage.zeros(40, 24, 3); // under STAGE's 1,000-pixel limit
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 40; x++) {
                    image.set(c, x, y, (x * 7 + y * 3 + c * 50) % 256 / 255f);
                }
            }
        }
        ImageCodec.write(png, DecodedImage.of(image));
        ImagePlan plan = new ImagePlan(0, png.toUri().toString(), "a", null, null, 40, 24, "png");

        ProbeFn probe = new ProbeFn(10_000);
        assertEquals(new ProbeResult(0, 40, 24, "png", null), probe.call(plan));
        assertEquals(probe.call(plan), ((ProbeFn) roundTrip(probe)).call(plan));
        ProbeFn tight = new ProbeFn(100); // its pixel limit travels with it
        assertEquals(tight.call(plan), ((ProbeFn) roundTrip(tight)).call(plan));
        assertNotNull(tight.call(plan).error());

        DecodeTilesFn decode = new DecodeTilesFn(STAGE);
        List<TileRecord> here = tiles(decode.call(plan));
        List<TileRecord> there = tiles(((DecodeTilesFn) roundTrip(decode)).call(plan));
        assertTrue(here.size() > 1 && here.get(0).error() == null, "tiles: " + here);
        assertEquals(here.size(), there.size());
        for (int i = 0; i < here.size(); i++) {
            assertEquals(here.get(i).pixels(), there.get(i).pixels(), "tile " + i);
            assertEquals(here.get(i).index(), there.get(i).index());
        }
    }

    private static List<TileRecord> tiles(Iterator<TileRecord> it) {
        List<TileRecord> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void keysRecordsAndPartitionersComeBackEqualAndBehaveAlike() throws Exception {
        for (Object o : List.of(new TileKey(1, 2, 0), TileRecord.failure(3, "bad"), STAGE,
                new ImagePlan(4, "s3a://b/x.png", "x", "s3a://b/o/x.png", null, 7, 9, "png"))) {
            assertEquals(o, roundTrip(o));
        }
        TileOrder order = new TileOrder();
        TileOrder orderCopy = (TileOrder) roundTrip(order);
        List<TileKey> keys = List.of(new TileKey(0, 5, 1), new TileKey(1, 0, 2), new TileKey(0, 2, 0), new TileKey(1, 3, 1));
        for (TileKey a : keys) {
            for (TileKey b : keys) {
                assertEquals(Integer.signum(order.compare(a, b)), Integer.signum(orderCopy.compare(a, b)), a + " vs " + b);
            }
        }
        ClassPartitioner byClass = ClassPartitioner.plan(Map.of(0, 10L, 2, 30L), 3, 4);
        ImagePartitioner byImage = new ImagePartitioner(3);
        for (Partitioner p : List.of(byClass, byImage)) {
            Partitioner copy = (Partitioner) roundTrip(p);
            assertEquals(p.numPartitions(), copy.numPartitions());
            for (int i = 0; i < 40; i++) {
                TileKey key = new TileKey(i % 5, i, i % 3 == 1 ? 2 : 0);
                assertEquals(p.getPartition(key), copy.getPartition(key), p + " " + key);
            }
        }
    }
}
