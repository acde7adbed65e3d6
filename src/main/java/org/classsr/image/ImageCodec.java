package org.classsr.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.classsr.files.AtomicFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Reads and writes image files through OpenCV, and reads image sizes from headers without decoding.
 *
 * <p>{@link #decode(byte[], String)} is the core: the Spark job hands it bytes fetched from object
 * storage; {@link #read(Path)} only adds file checks. Every failure is an {@link ImageException}
 * naming the input. EXIF orientation is deliberately ignored: pixels are upscaled as stored.
 */
public final class ImageCodec {

    /** Formats OpenCV recognises but this build cannot decode (OpenCV 4.9 has no GIF reader). */
    private static final Set<String> UNSUPPORTED = Set.of(ImageFormat.GIF);
    /** Formats that javax.imageio can size from the header alone. */
    private static final Set<String> IMAGEIO_PROBE = Set.of(
            ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.BMP, ImageFormat.TIFF, ImageFormat.GIF);
    /** Formats that keep an alpha plane when written. */
    private static final Set<String> ALPHA_FORMATS = Set.of(ImageFormat.PNG, ImageFormat.TIFF, ImageFormat.WEBP);
    /** Formats that keep 16-bit samples when written. */
    private static final Set<String> DEEP_FORMATS = Set.of(ImageFormat.PNG, ImageFormat.TIFF);
    private static final Set<String> WRITABLE = Set.of(
            ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.TIFF, ImageFormat.BMP, ImageFormat.WEBP);
    private static final int SNIFF_BYTES = 64;

    private ImageCodec() {
    }

    // ---------------------------------------------------------------- decoding

    /** Reads and decodes a file; see {@link #decode(byte[], String)}. */
    public static DecodedImage read(Path path) {
        return decode(readChecked(path), path.toString());
    }

    /**
     * Decodes image bytes as stored (OpenCV {@code IMREAD_UNCHANGED}): 8- or 16-bit samples scaled to
     * [0, 1], colour as RGB, grey kept as one channel, alpha split off.
     *
     * @param name the input's name for error messages (file name, path or object key)
     */
    public static DecodedImage decode(byte[] bytes, String name) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageException(name, "empty input (0 bytes)");
        }
        String format = ImageFormat.sniff(bytes);
        if (format != null && UNSUPPORTED.contains(format)) {
            throw new ImageException(name, "unsupported format " + format);
        }
        if (format != null) {
            String cut = ImageFormat.truncation(bytes, format);
            if (cut != null) {
                throw new ImageException(name, cut);
            }
        }
        OpenCvLoader.ensureLoaded();
        MatOfByte buffer = new MatOfByte(ImageFormat.PNG.equals(format) ? PngChunks.withoutIccp(bytes) : bytes);
        Mat mat = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED);
        buffer.release();
        try {
            if (mat.empty()) {
                throw new ImageException(name, format == null
                        ? "not an image (unrecognised content, or a format this build cannot decode)"
                        : "corrupt " + format + " data (the decoder rejected it)");
            }
            return toDecoded(mat, name, format != null ? format : fallbackFormat(name));
        } finally {
            mat.release();
        }
    }

    private static String fallbackFormat(String name) {
        String ext = ImageFormat.extensionOf(name);
        return ext.isEmpty() ? "unknown" : ext;
    }

    private static DecodedImage toDecoded(Mat mat, String name, String format) {
        int w = mat.cols();
        int h = mat.rows();
        int n = mat.channels();
        int depth = CvType.depth(mat.type());
        if (n < 1 || n > 4) {
            throw new ImageException(name, "unsupported channel count " + n);
        }
        if (!mat.isContinuous()) {
            mat = mat.clone();
        }
        // Sizes are checked, never wrapped: w * h * n past 2^31 would allocate a wrong-sized array.
        float[] samples = new float[sampleCount(name, w, h, n)];
        int bitDepth;
        if (depth == CvType.CV_8U) {
            byte[] raw = new byte[samples.length];
            mat.get(0, 0, raw);
            for (int i = 0; i < raw.length; i++) {
                samples[i] = (raw[i] & 0xFF) / 255f;
            }
            bitDepth = 8;
        } else if (depth == CvType.CV_16U) {
            short[] raw = new short[samples.length];
            mat.get(0, 0, raw);
            for (int i = 0; i < raw.length; i++) {
                samples[i] = (raw[i] & 0xFFFF) / 65535f;
            }
            bitDepth = 16;
        } else {
            throw new ImageException(name, "unsupported sample type " + CvType.typeToString(mat.type())
                    + " (only 8- and 16-bit unsigned images are supported)");
        }
        // Interleaved BGR(A) -> planar RGB + alpha. Grey (+alpha) keeps its single colour plane.
        int colour = n >= 3 ? 3 : 1;
        int[] source = colour == 3 ? new int[] {2, 1, 0} : new int[] {0};
        int plane = w * h;
        float[] rgb = new float[plane * colour];
        for (int c = 0; c < colour; c++) {
            int from = source[c];
            for (int p = 0; p < plane; p++) {
                rgb[c * plane + p] = samples[p * n + from];
            }
        }
        FloatImage alpha = null;
        if (n == 2 || n == 4) {
            float[] a = new float[plane];
            for (int p = 0; p < plane; p++) {
                a[p] = samples[p * n + n - 1];
            }
            alpha = new FloatImage(w, h, 1, a);
        }
        return new DecodedImage(new FloatImage(w, h, colour, rgb), alpha, bitDepth, format);
    }

    /** {@code w * h * n} as an array length, or a clear refusal when it does not fit one. */
    static int sampleCount(String name, int w, int h, int n) {
        long count = (long) w * h * n;
        if (w < 0 || h < 0 || count > Integer.MAX_VALUE - 8) {
            throw new ImageException(name, String.format("%dx%d with %d channels = %d samples is too large to decode "
                    + "in one piece (at most %d)", w, h, n, count, Integer.MAX_VALUE - 8));
        }
        return (int) count;
    }

    // ---------------------------------------------------------------- probing

    /**
     * Size and format from the file's header, without decoding the pixels (only the first bytes are
     * read for PNG, JPEG, BMP, TIFF, GIF and WebP). Other formats fall back to a full decode.
     */
    public static ImageInfo probe(Path path) {
        String name = path.toString();
        checkFile(path);
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new ImageException(name, "cannot read file (" + e.getMessage() + ")", e);
        }
        return probe(head, name, () -> new FileImageInputStream(path.toFile()));
    }

    /** Where the JDK's readers read a header from: the file, or the bytes in memory. */
    private interface HeaderSource {
        ImageInputStream open() throws IOException;
    }

    /** Size and format from the first bytes {@code head}, or for the JDK's formats from the header in {@code source}. */
    private static ImageInfo probe(byte[] head, String name, HeaderSource source) {
        String format = ImageFormat.sniff(head);
        if (ImageFormat.WEBP.equals(format)) {
            return webpInfo(head, name);
        }
        if (format != null && IMAGEIO_PROBE.contains(format)) {
            try (ImageInputStream in = source.open()) {
                ImageInfo info = headerInfo(in, format);
                if (info != null) {
                    return info;
                }
            } catch (IOException | RuntimeException e) {
                // A header no reader can parse: refused below.
            }
        }
        throw unsized(name, format);
    }

    /**
     * Refusal of an input whose size no header-only reader gives: decoding it whole to learn its
     * size would come before any pixel limit.
     */
    private static ImageException unsized(String name, String format) {
        return new ImageException(name, format == null
                ? "not an image (unrecognised content; PNG, JPEG, TIFF, BMP and WebP are read)"
                : "corrupt " + format + " header (its size cannot be read without decoding)");
    }

    /** The size from the header: the JDK's readers, or ours for BigTIFF; null when none reads it. */
    private static ImageInfo headerInfo(ImageInputStream in, String format) throws IOException {
        ImageInfo info = null;
        try {
            info = imageIoInfo(in, format);
        } catch (IOException | RuntimeException e) {
            if (!ImageFormat.TIFF.equals(format)) {
                throw e;
            }
        }
        if (info == null && ImageFormat.TIFF.equals(format)) {
            int[] size = BigTiffHeader.size(in);
            info = size == null ? null : new ImageInfo(size[0], size[1], format);
        }
        return info;
    }

    /** Size and format from the header of image bytes; see {@link #probe(Path)}. */
    public static ImageInfo probe(byte[] bytes, String name) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageException(name, "empty input (0 bytes)");
        }
        return probe(bytes, name, () -> new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
    }

    private static ImageInfo webpInfo(byte[] head, String name) {
        int[] size = ImageFormat.webpSize(head);
        if (size == null || size[0] <= 0 || size[1] <= 0) {
            throw new ImageException(name, "corrupt webp header (no VP8, VP8L or VP8X size)");
        }
        return new ImageInfo(size[0], size[1], ImageFormat.WEBP);
    }

    /** Reads only the header through a JDK reader; {@code null} when no reader takes the format. */
    private static ImageInfo imageIoInfo(ImageInputStream in, String format) throws IOException {
        String imageIoName = switch (format) {
            case ImageFormat.JPEG -> "jpeg";
            case ImageFormat.TIFF -> "tiff";
            default -> format;
        };
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(imageIoName);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            return new ImageInfo(reader.getWidth(0), reader.getHeight(0), format);
        } finally {
            reader.dispose();
        }
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Encodes an image. 16-bit samples stay 16-bit in PNG and TIFF (8-bit elsewhere); alpha is kept
     * in PNG, TIFF and WebP and dropped elsewhere; grey is written as grey. Samples are clamped to
     * [0, 1] and rounded to the nearest level. JPEG uses quality 95; WebP is lossless.
     *
     * @param format "png", "jpg"/"jpeg", "tif"/"tiff", "bmp" or "webp"
     */
    public static byte[] encode(DecodedImage image, String format) {
        return encode(image, format, "<" + format + " output>");
    }

    private static byte[] encode(DecodedImage image, String format, String name) {
        String f = ImageFormat.canonical(format);
        if (!WRITABLE.contains(f)) {
            throw new ImageException(name, "unsupported output format " + format + " (use png, jpg, tif, bmp or webp)");
        }
        boolean deep = image.bitDepth() == 16 && DEEP_FORMATS.contains(f);
        boolean withAlpha = image.hasAlpha() && ALPHA_FORMATS.contains(f);
        Mat mat = toMat(image, deep, withAlpha);
        MatOfByte out = new MatOfByte();
        MatOfInt params = switch (f) {
            case ImageFormat.JPEG -> new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
            case ImageFormat.WEBP -> new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, 101); // > 100: lossless
            default -> new MatOfInt();
        };
        try {
            if (!Imgcodecs.imencode("." + (f.equals(ImageFormat.TIFF) ? "tiff" : f), mat, out, params)) {
                throw new ImageException(name, "OpenCV could not encode " + image.color() + " as " + f);
            }
            return out.toArray();
        } finally {
            mat.release();
            out.release();
            params.release();
        }
    }

    /**
     * Writes an image atomically: the bytes go to a temporary sibling first, which is then renamed
     * over the target, so a reader sees either the old file or the whole new one, never a part.
     * The format comes from the file's extension.
     */
    public static void write(Path path, DecodedImage image) {
        String name = path.toString();
        String format = ImageFormat.extensionOf(path.getFileName() == null ? "" : path.getFileName().toString());
        if (format.isEmpty()) {
            throw new ImageException(name, "no file extension to choose the output format from");
        }
        byte[] bytes = encode(image, format, name);
        try {
            AtomicFiles.write(path, out -> out.write(bytes), false);
        } catch (IOException e) {
            throw new ImageException(name, "cannot write file (" + e + ")", e);
        }
    }

    private static Mat toMat(DecodedImage image, boolean deep, boolean withAlpha) {
        OpenCvLoader.ensureLoaded();
        FloatImage color = image.color();
        int w = color.width();
        int h = color.height();
        int plane = w * h;
        // OpenCV writers take 1, 3 or 4 channels: grey with alpha becomes BGRA.
        int n = withAlpha ? 4 : color.channels();
        int[] source = new int[n];
        for (int k = 0; k < Math.min(n, 3); k++) {
            source[k] = color.channels() == 3 ? 2 - k : 0; // BGR order from RGB planes
        }
        float[] src = color.data();
        float[] alpha = withAlpha ? image.alpha().data() : null;
        int max = deep ? 65535 : 255;
        Mat mat = new Mat(h, w, CvType.makeType(deep ? CvType.CV_16U : CvType.CV_8U, n));
        if (deep) {
            short[] raw = new short[plane * n];
            interleave(src, alpha, source, plane, max, (i, level) -> raw[i] = (short) level);
            mat.put(0, 0, raw);
        } else {
            byte[] raw = new byte[plane * n];
            interleave(src, alpha, source, plane, max, (i, level) -> raw[i] = (byte) level);
            mat.put(0, 0, raw);
        }
        return mat;
    }

    /** Where {@link #interleave} puts each sample's level. */
    private interface LevelSink {
        void put(int index, int level);
    }

    /**
     * Planes to interleaved levels: sample k of pixel p is {@code source[k]}'s plane (k 3: the
     * alpha plane) quantised to 0..max, at {@code p * source.length + k}.
     */
    private static void interleave(float[] src, float[] alpha, int[] source, int plane, int max, LevelSink sink) {
        int n = source.length;
        for (int p = 0; p < plane; p++) {
            for (int k = 0; k < n; k++) {
                float v = k == 3 ? alpha[p] : src[source[k] * plane + p];
                sink.put(p * n + k, Levels.level(v, max));
            }
        }
    }

    // ---------------------------------------------------------------- files

    private static void checkFile(Path path) {
        String name = path.toString();
        if (!Files.exists(path)) {
            throw new ImageException(name, "file not found");
        }
        if (!Files.isRegularFile(path)) {
            throw new ImageException(name, "not a regular file");
        }
        try {
            long size = Files.size(path);
            if (size == 0) {
                throw new ImageException(name, "empty file (0 bytes)");
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new ImageException(name, "file too large to decode in one piece (" + size + " bytes)");
            }
        } catch (IOException e) {
            throw new ImageException(name, "cannot read file (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] readChecked(Path path) {
        checkFile(path);
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImageException(path.toString(), "file not found", e);
        } catch (IOException e) {
            throw new ImageException(path.toString(), "cannot read file (" + e.getMessage() + ")", e);
        }
    }
}
