package org.classsr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.classsr.files.AtomicFiles;
import org.classsr.nn.BlockParameters;

/**
 * A stage's checkpoints: {@code ckpt-SSSSSSSS.safetensors} (S = steps done), each holding the
 * weights ({@code net.NAME}), Adam's moments ({@code adam.m.NAME}, {@code adam.v.NAME}) and, for
 * a stage that averages its weights, the average ({@code avg.NAME}, {@link WeightAverage});
 * the step is the name, and the batch order and learning rate are functions of the step. Each
 * file is written to a temporary name and moved into place, so the newest complete checkpoint
 * is always the file with the largest step; the older ones beyond {@code keep} are deleted.
 */
final class Checkpoints {

    private static final Pattern NAME = Pattern.compile("ckpt-(\\d{8})\\.safetensors");
    static final String NET = "net.";

    private Checkpoints() {
    }

    static Path file(Path dir, long step) {
        return dir.resolve(String.format("ckpt-%08d.safetensors", step));
    }

    /** Steps of the checkpoints present, newest first. */
    static List<Long> steps(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** @param average the weight average, or null when the stage keeps none */
    static void save(Path dir, long step, Map<String, Parameter> params, AdamOptimizer adam, WeightAverage average,
            int keep) throws IOException {
        byte[] bytes;
        try (NDManager scratch = NDManager.newBaseManager()) {
            NDList list = new NDList();
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                NDArray c = e.getValue().getArray().duplicate();
                c.attach(scratch);
                c.setName(NET + e.getKey());
                list.add(c);
            }
            list.addAll(adam.state(scratch));
            if (average != null) {
                list.addAll(average.state(scratch));
            }
            bytes = list.encode(NDList.Encoding.SAFETENSORS);
        }
        AtomicFiles.write(file(dir, step), bytes);
        List<Long> all = steps(dir);
        for (Long old : all.subList(Math.min(keep, all.size()), all.size())) {
            Files.deleteIfExists(file(dir, old));
        }
    }

    /** A checkpoint's arrays by their names. */
    static Map<String, NDArray> byName(NDList stored) {
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (NDArray a : stored) {
            byName.put(a.getName(), a);
        }
        return byName;
    }

    /**
     * Restores the newest readable checkpoint into the parameters, the optimizer and the weight
     * average (null: none).
     *
     * @return its step, or 0 when there is none
     */
    static long restoreLatest(Path dir, Map<String, Parameter> params, AdamOptimizer adam, WeightAverage average,
            TrainListener listener) throws IOException {
        for (long step : steps(dir)) {
            Path file = file(dir, step);
            try (NDManager scratch = NDManager.newBaseManager()) {
                NDList stored = NDList.decode(scratch, Files.readAllBytes(file));
                Map<String, NDArray> byName = byName(stored);
                for (Map.Entry<String, Parameter> e : params.entrySet()) {
                    NDArray src = byName.get(NET + e.getKey());
                    NDArray target = e.getValue().getArray();
                    if (src == null || !src.getShape().equals(target.getShape())) {
                        throw new IllegalArgumentException("no weights " + e.getKey() + " of shape " + target.getShape());
                    }
                    BlockParameters.assign(target, src);
                }
                adam.load(stored, step);
                if (average != null) {
                    average.load(stored);
                }
                return step;
            } catch (RuntimeException e) {
                listener.message(file + ": unusable checkpoint (" + e.getMessage() + "), trying an older one");
            }
        }
        return 0;
    }
}
