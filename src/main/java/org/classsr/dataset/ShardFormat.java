package org.classsr.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary layout of one sample shard ({@code shard-NNNNN.bin}) of a training dataset.
 *
 * <p>All integers are 32-bit, big-endian. A shard is a 32-byte header followed by {@code count}
 * fixed-size records, so sample {@code i} lies at byte {@code 32 + i * recordBytes} (random
 * access is one positional read).
 *
 * <pre>
 * header (32 bytes)
 *   0  magic     4 bytes "CSRS"
 *   4  version   int32: 1, or 2 for a labelled shard
 *   8  count     int32, number of records
 *  12  hrSize    int32, side of the HR sub-image in pixels (128)
 *  16  lrSize    int32, side of the LR sub-image (hrSize / scale = 32)
 *  20  channels  int32 (3: R, G, B)
 *  24  scale     int32 (4)
 *  28  reserved  int32 = 0
 * record (recordBytes = 12 + channels*hrSize^2 + channels*lrSize^2)
 *   0  image     int32, index of the source image in the dataset's index.json
 *   4  x         int32, left edge of the HR sub-image in the (cropped) source image
 *   8  y         int32, top edge; the LR sub-image starts at (x / scale, y / scale)
 *  12  hr        uint8[channels][hrSize][hrSize]  planar CHW, value = round(255 * v)
 *  ..  lr        uint8[channels][lrSize][lrSize]  planar CHW
 * version 2 only (a labelled shard, {@code classsr dataset --label-with}): 8 more bytes
 *  ..  class     int32, the Class-Module's class (argmax of logits + the model's class-bias)
 *  ..  psnrY     float32, PSNR-Y (dB) of the "-O" network's output against the HR sub-image
 * </pre>
 *
 * A version 1 shard is unchanged by version 2 (readers take both), so old datasets still read.
 *
 * The LR record is cut from {@code Quantize.to8Bit(Bicubic.downscale(wholeImage, scale))}: the
 * whole image is downscaled once, so LR pixels near a sub-image edge see the true neighbours.
 */
public record ShardFormat(int hrSize, int lrSize, int channels, int scale, boolean labeled) {

    public static final byte[] MAGIC = "CSRS".getBytes(StandardCharsets.US_ASCII);
    /** The version of a shard without labels. */
    public static final int VERSION = 1;
    /** The version of a shard whose records end with a label ({@link SampleLabel}). */
    public static final int LABELED_VERSION = 2;
    public static final int HEADER_BYTES = 32;
    public static final int RECORD_HEADER_BYTES = 12;
    public static final int LABEL_BYTES = 8;

    public ShardFormat {
        if (hrSize < 1 || lrSize < 1 || channels < 1 || scale < 1 || lrSize * scale != hrSize) {
            throw new IllegalArgumentException("bad shard format: hr " + hrSize + ", lr " + lrSize
                    + ", channels " + channels + ", scale " + scale + " (need lr * scale == hr)");
        }
    }

    /** An unlabelled format (version 1). */
    public static ShardFormat of(int hrSize, int scale) {
        return of(hrSize, scale, false);
    }

    public static ShardFormat of(int hrSize, int scale, boolean labeled) {
        if (hrSize % scale != 0) {
            throw new IllegalArgumentException("sub-image size " + hrSize + " is not a multiple of scale " + scale);
        }
        return new ShardFormat(hrSize, hrSize / scale, 3, scale, labeled);
    }

    public int hrBytes() {
        return channels * hrSize * hrSize;
    }

    public int lrBytes() {
        return channels * lrSize * lrSize;
    }

    public int recordBytes() {
        return RECORD_HEADER_BYTES + hrBytes() + lrBytes() + (labeled ? LABEL_BYTES : 0);
    }

    /** The version this format writes: {@link #VERSION}, or {@link #LABELED_VERSION} with labels. */
    public int version() {
        return labeled ? LABELED_VERSION : VERSION;
    }

    /** The header of a shard holding {@code count} records. */
    public ByteBuffer header(int count) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC).putInt(version()).putInt(count).putInt(hrSize).putInt(lrSize).putInt(channels).putInt(scale)
                .putInt(0);
        return b.flip();
    }

    /** Checks a header against this format; returns its record count. */
    public int checkHeader(ByteBuffer b, String name) {
        b.order(ByteOrder.BIG_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException(name + ": not a ClassSR sample shard (bad magic)");
        }
        int version = b.getInt();
        if (version != VERSION && version != LABELED_VERSION) {
            throw new IllegalArgumentException(name + ": shard version " + version + ", expected " + VERSION + " or "
                    + LABELED_VERSION);
        }
        int count = b.getInt();
        ShardFormat found = new ShardFormat(b.getInt(), b.getInt(), b.getInt(), b.getInt(), version == LABELED_VERSION);
        if (!found.equals(this)) {
            throw new IllegalArgumentException(name + ": shard holds " + found + ", index says " + this);
        }
        if (count < 0) {
            throw new IllegalArgumentException(name + ": negative record count " + count);
        }
        return count;
    }
}
