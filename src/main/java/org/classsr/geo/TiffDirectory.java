package org.classsr.geo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first image directory (IFD) of a TIFF or BigTIFF held in memory, both byte orders. The
 * first IFD is the full-resolution image in GDAL's files, COGs included (overviews and masks
 * follow it). Only tags are parsed here; pixels are {@link RasterDecoder}'s job.
 */
public final class TiffDirectory {

    public static final int IMAGE_WIDTH = 256;
    public static final int IMAGE_LENGTH = 257;
    public static final int BITS_PER_SAMPLE = 258;
    public static final int COMPRESSION = 259;
    public static final int PHOTOMETRIC = 262;
    public static final int STRIP_OFFSETS = 273;
    public static final int SAMPLES_PER_PIXEL = 277;
    public static final int ROWS_PER_STRIP = 278;
    public static final int STRIP_BYTE_COUNTS = 279;
    public static final int PLANAR_CONFIG = 284;
    public static final int PREDICTOR = 317;
    public static final int TILE_WIDTH = 322;
    public static final int TILE_LENGTH = 323;
    public static final int TILE_OFFSETS = 324;
    public static final int TILE_BYTE_COUNTS = 325;
    public static final int EXTRA_SAMPLES = 338;
    public static final int SAMPLE_FORMAT = 339;

    private final ByteOrder order;
    private final boolean big;
    private final Map<Integer, TiffField> fields;

    private TiffDirectory(ByteOrder order, boolean big, Map<Integer, TiffField> fields) {
        this.order = order;
        this.big = big;
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** Whether these bytes start like a TIFF or BigTIFF. */
    public static boolean isTiff(byte[] b) {
        if (b.length < 4) {
            return false;
        }
        boolean ii = b[0] == 'I' && b[1] == 'I' && b[3] == 0 && (b[2] == 42 || b[2] == 43);
        boolean mm = b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43);
        return ii || mm;
    }

    /**
     * Parses the header and the first IFD.
     *
     * @throws IllegalArgumentException when the bytes are not a TIFF or the directory lies outside them
     */
    public static TiffDirectory parse(byte[] bytes) {
        if (!isTiff(bytes) || bytes.length < 8) {
            throw new IllegalArgumentException("not a TIFF (no II*/MM* header)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(bytes[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean big = b.getShort(2) == 43;
        long ifd = big ? b.getLong(8) : Integer.toUnsignedLong(b.getInt(4));
        if (big && (bytes.length < 16 || b.getShort(4) != 8)) {
            throw new IllegalArgumentException("corrupt BigTIFF header");
        }
        long entries = big ? b.getLong(check(ifd, 8, bytes)) : Short.toUnsignedInt(b.getShort(check(ifd, 2, bytes)));
        int entrySize = big ? 20 : 12;
        int first = (int) ifd + (big ? 8 : 2);
        check(first, entries * entrySize, bytes);
        Map<Integer, TiffField> fields = new TreeMap<>();
        for (int i = 0; i < entries; i++) {
            int at = first + i * entrySize;
            int tag = Short.toUnsignedInt(b.getShort(at));
            int type = Short.toUnsignedInt(b.getShort(at + 2));
            long count = big ? b.getLong(at + 4) : Integer.toUnsignedLong(b.getInt(at + 4));
            int size = typeSize(type);
            if (size == 0 || count < 0 || count > Integer.MAX_VALUE / 8) {
                continue; // an unknown type: skipped, as readers must
            }
            long bytesLong = count * size;
            int inline = big ? 8 : 4;
            int valueAt = at + (big ? 12 : 8);
            if (bytesLong > inline) {
                long offset = big ? b.getLong(valueAt) : Integer.toUnsignedLong(b.getInt(valueAt));
                valueAt = check(offset, bytesLong, bytes);
            }
            fields.put(tag, read(b, tag, type, (int) count, valueAt));
        }
        return new TiffDirectory(b.order(), big, fields);
    }

    private static int check(long offset, long length, byte[] bytes) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IllegalArgumentException("TIFF directory data at byte " + offset + " (+" + length
                    + ") lies past the end of the file (" + bytes.length + " bytes): truncated?");
        }
        return (int) offset;
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    private static TiffField read(ByteBuffer b, int tag, int type, int count, int at) {
        if (type == TiffField.ASCII) {
            byte[] raw = new byte[count];
            b.get(at, raw);
            int end = count;
            while (end > 0 && raw[end - 1] == 0) {
                end--;
            }
            return new TiffField(tag, type, null, null, new String(raw, 0, end, StandardCharsets.ISO_8859_1));
        }
        if (type == 5 || type == 10 || type == 11 || type == 12) {
            double[] d = new double[count];
            for (int i = 0; i < count; i++) {
                d[i] = switch (type) {
                    case 5 -> (double) Integer.toUnsignedLong(b.getInt(at + 8 * i))
                            / Integer.toUnsignedLong(b.getInt(at + 8 * i + 4));
                    case 10 -> (double) b.getInt(at + 8 * i) / b.getInt(at + 8 * i + 4);
                    case 11 -> b.getFloat(at + 4 * i);
                    default -> b.getDouble(at + 8 * i);
                };
            }
            return new TiffField(tag, type, null, d, null);
        }
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (type) {
                case 1, 7 -> Byte.toUnsignedInt(b.get(at + i));
                case 6 -> b.get(at + i);
                case 3 -> Short.toUnsignedInt(b.getShort(at + 2 * i));
                case 8 -> b.getShort(at + 2 * i);
                case 4, 13 -> Integer.toUnsignedLong(b.getInt(at + 4 * i));
                case 9 -> b.getInt(at + 4 * i);
                default -> b.getLong(at + 8 * i);
            };
        }
        return new TiffField(tag, type, v, null, null);
    }

    public ByteOrder order() {
        return order;
    }

    public boolean bigTiff() {
        return big;
    }

    public TiffField field(int tag) {
        return fields.get(tag);
    }

    public boolean has(int tag) {
        return fields.containsKey(tag);
    }

    /** All fields by tag, ascending. */
    public Map<Integer, TiffField> fields() {
        return fields;
    }

    /** The first value of an integer tag, or {@code fallback} when absent. */
    public long value(int tag, long fallback) {
        TiffField f = fields.get(tag);
        return f == null || f.count() == 0 || f.text() != null ? fallback : f.first();
    }

    /** The values of an integer tag (offsets, byte counts), or {@code null} when absent. */
    public long[] values(int tag) {
        TiffField f = fields.get(tag);
        return f == null ? null : f.longs();
    }

    public String text(int tag) {
        TiffField f = fields.get(tag);
        return f == null ? null : f.text();
    }
}
