package org.classsr.geo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the pixels of a TIFF's first image into band-major raw values (band, row, column):
 * strips or tiles, chunky or planar, any of {@link Decompressor}'s compressions, and horizontal (2)
 * or floating-point (3) prediction.
 */
final class RasterDecoder {

    private RasterDecoder() {
    }

    /** The layout facts shared by all chunks of one image. */
    private record Layout(int width, int height, int bands, SampleType type, boolean planar, int chunkW, int chunkH,
            int across, int down, int compression, int predictor, ByteOrder order) {

        int bytesPerPixel() {
            return (planar ? 1 : bands) * type.bytes();
        }
    }

    static float[] decode(byte[] file, TiffDirectory d, int width, int height, int bands, SampleType type) {
        boolean tiled = d.has(TiffDirectory.TILE_WIDTH);
        int chunkW = tiled ? (int) d.value(TiffDirectory.TILE_WIDTH, 0) : width;
        int chunkH = tiled ? (int) d.value(TiffDirectory.TILE_LENGTH, 0)
                : (int) Math.min(height, d.value(TiffDirectory.ROWS_PER_STRIP, height));
        if (chunkW < 1 || chunkH < 1) {
            throw new IllegalArgumentException("bad TIFF " + (tiled ? "tile" : "strip") + " size " + chunkW + "x" + chunkH);
        }
        long[] offsets = d.values(tiled ? TiffDirectory.TILE_OFFSETS : TiffDirectory.STRIP_OFFSETS);
        long[] counts = d.values(tiled ? TiffDirectory.TILE_BYTE_COUNTS : TiffDirectory.STRIP_BYTE_COUNTS);
        int compression = (int) d.value(TiffDirectory.COMPRESSION, 1);
        Layout l = new Layout(width, height, bands, type, d.value(TiffDirectory.PLANAR_CONFIG, 1) == 2, chunkW, chunkH,
                (width + chunkW - 1) / chunkW, (height + chunkH - 1) / chunkH, compression,
                (int) d.value(TiffDirectory.PREDICTOR, 1), d.order());
        int planes = l.planar() ? bands : 1;
        long chunks = (long) l.across() * l.down() * planes;
        if (offsets == null || counts == null || offsets.length < chunks || counts.length < chunks) {
            throw new IllegalArgumentException("TIFF has " + (offsets == null ? 0 : offsets.length) + " "
                    + (tiled ? "tile" : "strip") + " offsets, its layout needs " + chunks);
        }
        if (!Decompressor.supports(compression)) {
            Decompressor.decompress(compression, file, 0, 0, 0); // throws with the reason
        }
        long samples = (long) width * height * bands;
        if (samples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + width + "x" + height + "x" + bands
                    + " raster is too large to decode in one piece");
        }
        float[] out = new float[(int) samples];
        for (int p = 0; p < planes; p++) {
            for (int cy = 0; cy < l.down(); cy++) {
                for (int cx = 0; cx < l.across(); cx++) {
                    int k = (p * l.down() + cy) * l.across() + cx;
                    // Tiles are always whole; the last strip holds only the rows left.
                    int rows = tiled ? chunkH : Math.min(chunkH, height - cy * chunkH);
                    int rowBytes = chunkW * l.bytesPerPixel();
                    if (offsets[k] < 0 || counts[k] < 0 || offsets[k] + counts[k] > file.length) {
                        throw new IllegalArgumentException("TIFF " + (tiled ? "tile " : "strip ") + k
                                + " lies past the end of the file: truncated?");
                    }
                    byte[] raw = Decompressor.decompress(compression, file, (int) offsets[k], (int) counts[k],
                            rowBytes * rows);
                    unpredict(raw, l, rows);
                    place(raw, l, p, cx * chunkW, cy * chunkH, rows, out);
                }
            }
        }
        return out;
    }

    /** Undoes the predictor in place, row by row of the chunk. */
    private static void unpredict(byte[] raw, Layout l, int rows) {
        int samplesPerPixel = l.planar() ? 1 : l.bands();
        int rowSamples = l.chunkW() * samplesPerPixel;
        int size = l.type().bytes();
        if (l.predictor() == 2) {
            ByteBuffer b = ByteBuffer.wrap(raw).order(l.order());
            for (int r = 0; r < rows; r++) {
                int base = r * rowSamples * size;
                for (int i = samplesPerPixel; i < rowSamples; i++) {
                    int at = base + i * size;
                    int prev = at - samplesPerPixel * size;
                    switch (size) {
                        case 1 -> raw[at] += raw[prev];
                        case 2 -> b.putShort(at, (short) (b.getShort(at) + b.getShort(prev)));
                        default -> b.putInt(at, b.getInt(at) + b.getInt(prev));
                    }
                }
            }
        } else if (l.predictor() == 3) {
            // Bytes were split into planes (most significant first) and differenced bytewise.
            int rowBytes = rowSamples * size;
            byte[] tmp = new byte[rowBytes];
            for (int r = 0; r < rows; r++) {
                int base = r * rowBytes;
                for (int i = samplesPerPixel; i < rowBytes; i++) {
                    raw[base + i] += raw[base + i - samplesPerPixel];
                }
                for (int s = 0; s < rowSamples; s++) {
                    for (int k = 0; k < size; k++) {
                        // Most significant first in the planes; stored in the file's byte order.
                        int target = l.order() == ByteOrder.BIG_ENDIAN ? k : size - 1 - k;
                        tmp[s * size + target] = raw[base + k * rowSamples + s];
                    }
                }
                System.arraycopy(tmp, 0, raw, base, rowBytes);
            }
        } else if (l.predictor() != 1) {
            throw new IllegalArgumentException("unsupported TIFF predictor " + l.predictor());
        }
    }

    private static void place(byte[] raw, Layout l, int plane, int x0, int y0, int rows, float[] out) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(l.order());
        int spp = l.planar() ? 1 : l.bands();
        int size = l.type().bytes();
        int cols = Math.min(l.chunkW(), l.width() - x0);
        int visibleRows = Math.min(rows, l.height() - y0);
        int planeSize = l.width() * l.height();
        for (int r = 0; r < visibleRows; r++) {
            int rowAt = r * l.chunkW() * spp * size;
            int dstRow = (y0 + r) * l.width() + x0;
            for (int x = 0; x < cols; x++) {
                for (int s = 0; s < spp; s++) {
                    int at = rowAt + (x * spp + s) * size;
                    float v = switch (l.type()) {
                        case BYTE -> Byte.toUnsignedInt(raw[at]);
                        case UINT16 -> Short.toUnsignedInt(b.getShort(at));
                        case INT16 -> b.getShort(at);
                        case FLOAT32 -> b.getFloat(at);
                    };
                    out[(plane + s) * planeSize + dstRow + x] = v;
                }
            }
        }
    }
}
