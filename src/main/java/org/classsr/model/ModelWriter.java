package org.classsr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.classsr.files.AtomicFiles;

/**
 * Writes a model folder: one safetensors file per network (tensors named by DJL parameter path)
 * and model.conf with each file's SHA-256. Files are written to temporary names and moved into
 * place, so a crash never leaves a half-written weight file under its real name.
 */
public final class ModelWriter {

    private ModelWriter() {
    }

    /**
     * @param blocks initialised blocks keyed by network name ("classifier" and the branch names)
     * @return the spec as written, with checksums
     */
    public static ModelSpec write(Path folder, ModelSpec spec, Map<String, Block> blocks) throws IOException {
        Files.createDirectories(folder);
        Map<String, String> sha = new HashMap<>();
        for (NetworkEntry e : spec.networks()) {
            Block block = blocks.get(e.name());
            if (block == null) {
                throw new IllegalArgumentException("no block given for network '" + e.name() + "'");
            }
            byte[] bytes = encode(block);
            Path target = folder.resolve(e.weights().file());
            AtomicFiles.write(target, out -> out.write(bytes), false);
            sha.put(e.name(), Sha256.of(bytes));
        }
        ModelSpec written = spec.withChecksums(sha);
        Path conf = folder.resolve(ModelSpec.FILE_NAME);
        byte[] text = written.render().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(conf, out -> out.write(text), false);
        return written;
    }

    /** A block's parameters as safetensors bytes. */
    public static byte[] encode(Block block) {
        NDList list = new NDList();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            array.setName(p.getKey());
            list.add(array);
        }
        return list.encode(NDList.Encoding.SAFETENSORS);
    }
}
