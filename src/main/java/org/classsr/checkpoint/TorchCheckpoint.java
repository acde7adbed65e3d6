package org.classsr.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the state dict of a PyTorch checkpoint in the zip format of {@code torch.save} (PyTorch
 * 1.6 and later), without Python.
 *
 * <p>The archive holds {@code NAME/data.pkl}, a pickle of the saved object in which every tensor
 * is a call of {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)} and
 * every storage a persistent id {@code ('storage', torch.FloatStorage, key, location, numel)}
 * naming the raw entry {@code NAME/data/KEY} (little-endian unless {@code NAME/byteorder} says
 * otherwise). Tensors come back contiguous and float32 whatever their stored type, offset and
 * strides. The pickle is interpreted, never executed: only the handful of globals above mean
 * anything, every other one becomes an inert {@link PyObject}.
 *
 * <p>The state dict is the saved object itself when it maps names to tensors, or the first such
 * map under one of {@link #WRAPPER_KEYS} (BasicSR saves {@code {'params': ...}}); a leading
 * {@code module.} (DataParallel) is dropped from every key.
 */
public final class TorchCheckpoint {

    /** Where training code commonly nests the state dict, in order of preference. */
    public static final List<String> WRAPPER_KEYS =
            List.of("params_ema", "params", "state_dict", "model_state_dict", "model", "net", "network");

    private static final String MODULE_PREFIX = "module.";

    /** {@code torch.save} before 1.6: a pickle protocol 2 stream that starts with a magic number. */
    private static final byte[] LEGACY_MAGIC = {
        (byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
        (byte) 0xa8, 0x50, 0x19
    };

    private static final byte[] ZIP_MAGIC = {0x50, 0x4b, 0x03, 0x04};

    private final Map<String, TensorData> stateDict;
    private final String wrapperKey;

    private TorchCheckpoint(Map<String, TensorData> stateDict, String wrapperKey) {
        this.stateDict = Collections.unmodifiableMap(stateDict);
        this.wrapperKey = wrapperKey;
    }

    /** The state dict, in saved order, {@code module.} prefixes removed. */
    public Map<String, TensorData> stateDict() {
        return stateDict;
    }

    /** The wrapper key the state dict was found under ({@code params}, ...), or "" if none. */
    public String wrapperKey() {
        return wrapperKey;
    }

    /**
     * Reads a checkpoint's state dict.
     *
     * @throws CheckpointException when the file is missing, not a zip checkpoint (the legacy
     *     pre-1.6 format included), truncated or corrupt, or holds no state dict
     */
    public static TorchCheckpoint read(Path file) {
        Object root = readObject(file);
        List<String> path = new ArrayList<>();
        Map<String, TensorData> found = findStateDict(root, path, 0);
        if (found == null) {
            throw new CheckpointException("holds no state dict (a map of names to tensors)"
                    + (root instanceof Map<?, ?> m ? "; its top-level keys are " + keysText(m) : "")
                    + "; expected one at the top or under one of " + WRAPPER_KEYS);
        }
        Map<String, TensorData> stripped = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : found.entrySet()) {
            String key = e.getKey().startsWith(MODULE_PREFIX) ? e.getKey().substring(MODULE_PREFIX.length()) : e.getKey();
            if (stripped.put(key, e.getValue()) != null) {
                throw new CheckpointException("key " + key + " appears both with and without the 'module.' prefix");
            }
        }
        return new TorchCheckpoint(stripped, String.join(".", path));
    }

    /** The unpickled object of a checkpoint (tensors as {@link TensorData}, dicts as ordered maps). */
    static Object readObject(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(Files.exists(file) ? "not a file" : "no such file");
        }
        byte[] head = new byte[LEGACY_MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new CheckpointException("cannot read: " + e.getMessage(), e);
        }
        if (n == LEGACY_MAGIC.length && Arrays.equals(head, LEGACY_MAGIC)) {
            throw new CheckpointException("a checkpoint in the legacy format of torch.save before PyTorch 1.6,"
                    + " which is not supported; re-save it with PyTorch >= 1.6 (torch.save(torch.load(f), f2))");
        }
        if (n < ZIP_MAGIC.length || !Arrays.equals(Arrays.copyOf(head, ZIP_MAGIC.length), ZIP_MAGIC)) {
            throw new CheckpointException(n == 0 ? "empty file, not a PyTorch checkpoint"
                    : "not a PyTorch checkpoint (torch.save of PyTorch >= 1.6 writes a zip archive; this is not one)");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new Archive(zip).load();
        } catch (ZipException e) {
            throw new CheckpointException("truncated or corrupt zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read the zip archive: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, TensorData> findStateDict(Object o, List<String> path, int depth) {
        if (!(o instanceof Map<?, ?> map) || depth > 3) {
            return null;
        }
        if (!map.isEmpty() && map.entrySet().stream()
                .allMatch(e -> e.getKey() instanceof String && e.getValue() instanceof TensorData)) {
            return (Map<String, TensorData>) map;
        }
        for (String key : WRAPPER_KEYS) {
            path.add(key);
            Map<String, TensorData> inner = findStateDict(map.get(key), path, depth + 1);
            if (inner != null) {
                return inner;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    private static String keysText(Map<?, ?> m) {
        List<String> keys = m.keySet().stream().map(String::valueOf).limit(12).toList();
        return keys + (m.size() > keys.size() ? " (" + m.size() + " in all)" : "");
    }

    /** An object of a Python class the reader gives no meaning to (kept for messages only). */
    record PyObject(String type, Object[] args) {}

    /** A global the pickle names (a class or function) with no meaning here. */
    private record PyGlobal(String name) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            return new PyObject(name, args);
        }
    }

    /** The element types of PyTorch's typed storages. */
    private enum DType {
        FLOAT("FloatStorage", 4), DOUBLE("DoubleStorage", 8), HALF("HalfStorage", 2), BFLOAT16("BFloat16Storage", 2),
        LONG("LongStorage", 8), INT("IntStorage", 4), SHORT("ShortStorage", 2), CHAR("CharStorage", 1),
        BYTE("ByteStorage", 1), BOOL("BoolStorage", 1);

        final String storageName;
        final int bytes;

        DType(String storageName, int bytes) {
            this.storageName = storageName;
            this.bytes = bytes;
        }

        static DType ofStorage(String name) {
            for (DType t : values()) {
                if (t.storageName.equals(name)) {
                    return t;
                }
            }
            return null;
        }

        float read(ByteBuffer b, int index) {
            int at = index * bytes;
            return switch (this) {
                case FLOAT -> b.getFloat(at);
                case DOUBLE -> (float) b.getDouble(at);
                case HALF -> halfToFloat(b.getShort(at));
                case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
                case LONG -> b.getLong(at);
                case INT -> b.getInt(at);
                case SHORT -> b.getShort(at);
                case CHAR -> b.get(at);
                case BYTE, BOOL -> b.get(at) & 0xff;
            };
        }
    }

    /** A storage type named in a persistent id ({@code torch.FloatStorage}, ...). */
    private record StorageType(DType dtype) {}

    /** One raw storage: {@code length} elements of {@code dtype}. */
    private record Storage(String key, DType dtype, ByteBuffer bytes, int length) {}

    /** IEEE 754 binary16 to float (Float.float16ToFloat is Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal: exact in float
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** One opened archive: finds data.pkl, reads storages on demand. */
    private static final class Archive {
        private final ZipFile zip;
        private final String prefix;
        private final ByteOrder order;
        private final Map<String, Storage> storages = new HashMap<>();

        Archive(ZipFile zip) throws IOException {
            this.zip = zip;
            String pkl = null;
            boolean torchScript = false;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                int slash = name.indexOf('/');
                String rest = slash < 0 ? name : name.substring(slash + 1);
                if (rest.equals("data.pkl") && pkl == null) {
                    pkl = name;
                }
                if (rest.equals("constants.pkl") || rest.startsWith("code/")) {
                    torchScript = true;
                }
            }
            if (torchScript) {
                throw new CheckpointException("a TorchScript archive (torch.jit.save), not a state dict;"
                        + " save the network's state_dict() with torch.save instead");
            }
            if (pkl == null) {
                throw new CheckpointException("a zip archive without data.pkl, not a PyTorch checkpoint");
            }
            prefix = pkl.substring(0, pkl.length() - "data.pkl".length());
            ZipEntry byteorder = zip.getEntry(prefix + "byteorder");
            String orderName = byteorder == null ? "little" : new String(read(byteorder), StandardCharsets.US_ASCII).trim();
            order = switch (orderName) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new CheckpointException("unknown byte order '" + orderName + "' in " + prefix + "byteorder");
            };
        }

        Object load() throws IOException {
            byte[] pickle = read(zip.getEntry(prefix + "data.pkl"));
            try {
                return new TorchUnpickler(this).loads(pickle);
            } catch (PickleException | ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
                throw new CheckpointException("corrupt data.pkl (" + e.getMessage() + ")", e);
            }
        }

        private byte[] read(ZipEntry entry) throws IOException {
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readAllBytes();
                if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
                    throw new ZipException(entry.getName() + " holds " + bytes.length + " of " + entry.getSize() + " bytes");
                }
                return bytes;
            }
        }

        Storage storage(String key, DType dtype) {
            Storage s = storages.get(key);
            if (s != null) {
                return s;
            }
            ZipEntry entry = zip.getEntry(prefix + "data/" + key);
            if (entry == null) {
                throw new CheckpointException("storage " + prefix + "data/" + key + " is missing: truncated or corrupt");
            }
            byte[] bytes;
            try {
                bytes = read(entry);
            } catch (IOException e) {
                throw new CheckpointException("truncated or corrupt storage " + entry.getName() + " (" + e.getMessage() + ")", e);
            }
            s = new Storage(key, dtype, ByteBuffer.wrap(bytes).order(order), bytes.length / dtype.bytes);
            storages.put(key, s);
            return s;
        }
    }

    /** The pickle machine with PyTorch's few globals, ordered dicts and nothing executable. */
    private static final class TorchUnpickler extends Unpickler {
        private final Archive archive;

        TorchUnpickler(Archive archive) {
            this.archive = archive;
        }

        @Override
        protected Object dispatch(short key) throws IOException {
            switch (key) {
                case Opcodes.GLOBAL -> {
                    String module = PickleUtils.readline(input);
                    String name = PickleUtils.readline(input);
                    stack.add(global(module, name));
                }
                case Opcodes.STACK_GLOBAL -> {
                    String name = (String) stack.pop();
                    String module = (String) stack.pop();
                    stack.add(global(module, name));
                }
                // dicts keep their saved order (the library's are HashMaps)
                case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
                case Opcodes.DICT -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    putPairs(map, stack.pop_all_since_marker());
                    stack.add(map);
                }
                case Opcodes.SETITEMS -> {
                    List<Object> pairs = stack.pop_all_since_marker();
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> map = (Map<Object, Object>) stack.peek();
                    putPairs(map, pairs);
                }
                // object state (an OrderedDict's _metadata, ...) is not needed: drop it
                case Opcodes.BUILD -> stack.pop();
                default -> {
                    return super.dispatch(key);
                }
            }
            return NO_RETURN_VALUE;
        }

        private static void putPairs(Map<Object, Object> map, List<Object> items) {
            for (int i = 0; i + 1 < items.size(); i += 2) {
                map.put(items.get(i), items.get(i + 1));
            }
        }

        private Object global(String module, String name) {
            String qualified = module + "." + name;
            switch (qualified) {
                case "collections.OrderedDict":
                    return (IObjectConstructor) args -> new LinkedHashMap<>();
                case "torch._utils._rebuild_tensor_v2":
                    return (IObjectConstructor) TorchUnpickler::rebuildTensor;
                case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                    return (IObjectConstructor) args -> args[0];
                default:
                    DType dtype = module.equals("torch") ? DType.ofStorage(name) : null;
                    return dtype != null ? new StorageType(dtype) : new PyGlobal(qualified);
            }
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Object[] t) || t.length < 3 || !"storage".equals(t[0])) {
                throw new CheckpointException("unknown persistent id in data.pkl: " + describe(pid));
            }
            if (!(t[1] instanceof StorageType type)) {
                throw new CheckpointException("unsupported storage type " + describe(t[1]));
            }
            return archive.storage(String.valueOf(t[2]), type.dtype());
        }

        /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata])}. */
        private static Object rebuildTensor(Object[] args) {
            Storage storage = (Storage) args[0];
            long offset = ((Number) args[1]).longValue();
            long[] size = longs((Object[]) args[2]);
            long[] stride = longs((Object[]) args[3]);
            if (size.length != stride.length) {
                throw new CheckpointException("tensor with size " + Arrays.toString(size) + " and stride "
                        + Arrays.toString(stride) + ": corrupt data.pkl");
            }
            int numel = Math.toIntExact(TensorData.numel(size));
            long last = offset;
            for (int d = 0; d < size.length; d++) {
                if (size[d] > 0) {
                    last += (size[d] - 1) * stride[d];
                }
            }
            if (numel > 0 && (offset < 0 || last >= storage.length())) {
                throw new CheckpointException("a tensor reads past the end of storage data/" + storage.key()
                        + " (" + storage.length() + " elements): truncated or corrupt");
            }
            float[] out = new float[numel];
            int rank = size.length;
            long[] index = new long[rank];
            long at = offset;
            for (int i = 0; i < numel; i++) {
                out[i] = storage.dtype().read(storage.bytes(), (int) at);
                // odometer over the size, advancing the storage position by the strides
                for (int d = rank - 1; d >= 0; d--) {
                    index[d]++;
                    at += stride[d];
                    if (index[d] < size[d]) {
                        break;
                    }
                    at -= index[d] * stride[d];
                    index[d] = 0;
                }
            }
            return new TensorData(size, out);
        }

        private static long[] longs(Object[] values) {
            long[] out = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = ((Number) values[i]).longValue();
            }
            return out;
        }

        private static String describe(Object o) {
            return o instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(o);
        }
    }
}
