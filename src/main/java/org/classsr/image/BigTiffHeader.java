package org.classsr.image;

import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.stream.ImageInputStream;

/**
 * The size of a BigTIFF (64-bit offsets, as the Spark job writes outputs over 4 GiB) from its
 * header and first IFD only: the JDK's TIFF reader takes classic TIFF alone, and the probe must
 * not decode a file to learn its size.
 */
final class BigTiffHeader {

    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;

    private BigTiffHeader() {
    }

    /** {width, height}, or null when this is not a BigTIFF whose first IFD gives both. */
    static int[] size(ImageInputStream in) throws IOException {
        in.seek(0);
        int b0 = in.read();
        int b1 = in.read();
        if (b0 != b1 || (b0 != 'I' && b0 != 'M')) {
            return null;
        }
        in.setByteOrder(b0 == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (in.readUnsignedShort() != 43 || in.readUnsignedShort() != 8 || in.readUnsignedShort() != 0) {
            return null;
        }
        in.seek(in.readLong());
        long entries = in.readLong();
        long width = -1;
        long height = -1;
        for (long i = 0; i < entries && i < 4096; i++) {
            int tag = in.readUnsignedShort();
            int type = in.readUnsignedShort();
            in.readLong(); // count
            long value = switch (type) {
                case 3 -> in.readUnsignedShort(); // SHORT, left-justified in the 8-byte field
                case 4 -> in.readUnsignedInt(); // LONG
                case 16 -> in.readLong(); // LONG8
                default -> -1;
            };
            int used = switch (type) {
                case 3 -> 2;
                case 4 -> 4;
                default -> 8;
            };
            in.skipBytes(8 - used);
            if (tag == IMAGE_WIDTH) {
                width = value;
            } else if (tag == IMAGE_LENGTH) {
                height = value;
            }
        }
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return null;
        }
        return new int[] {(int) width, (int) height};
    }
}
