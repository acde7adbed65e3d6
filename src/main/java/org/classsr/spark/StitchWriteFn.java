package org.classsr.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.classsr.engine.ClassMapRenderer;
import org.classsr.image.BicubicBands;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.GreyImages;
import org.classsr.image.ImageCodec;
import org.classsr.image.Metrics;
import org.classsr.image.PngBandWriter;
import org.classsr.image.Quantize;
import org.classsr.image.TiffBandWriter;
import org.classsr.tile.BandPipe;
import org.classsr.tile.BandSink;
import org.classsr.tile.ImageAssembler;
import org.classsr.tile.Stitcher;
import org.classsr.tile.TileGrid;
import scala.Tuple2;

/**
 * Stage 3 (after the repartition by image, sorted by (image, row, col)): stitches each image's
 * HR tiles with the feathered {@link Stitcher} band by band and streams the bands to the output
 * file system, committed atomically ({@link HadoopFiles#writeAtomically}). PNG
 * ({@link PngBandWriter}) and TIFF ({@link TiffBandWriter}: uncompressed, BigTIFF above 4 GiB) are
 * streamed row by row (any size); other formats are assembled whole up to
 * {@link StageSettings#maxInMemoryOutputPixels()}. Also writes the class map (re-reading the input)
 * and, with ground truth, measures PSNR/SSIM on Y. One result row per image.
 */
public final class StitchWriteFn implements FlatMapFunction<Iterator<Tuple2<TileKey, TileRecord>>, ImageResult> {

    private final StageSettings settings;
    private final List<ImagePlan> plans;
    private final LongAccumulator written;

    public StitchWriteFn(StageSettings settings, List<ImagePlan> plans, LongAccumulator written) {
        this.settings = settings;
        this.plans = List.copyOf(plans);
        this.written = written;
    }

    @Override
    public Iterator<ImageResult> call(Iterator<Tuple2<TileKey, TileRecord>> tiles) {
        Map<Integer, ImagePlan> byId = new HashMap<>();
        for (ImagePlan p : plans) {
            byId.put(p.id(), p);
        }
        List<ImageResult> results = new ArrayList<>();
        Configuration conf = HadoopFiles.conf();
        Tuple2<TileKey, TileRecord> pending = tiles.hasNext() ? tiles.next() : null;
        while (pending != null) {
            int image = pending._1().image();
            ImageWriter writer = new ImageWriter(byId.get(image), conf);
            boolean read = false;
            try {
                while (pending != null && pending._1().image() == image) {
                    writer.add(pending._2());
                    pending = tiles.hasNext() ? tiles.next() : null;
                }
                read = true;
            } finally {
                if (!read) {
                    writer.release(); // the task fails (the shuffle's tiles could not be read): Spark retries it
                }
            }
            results.add(writer.finish());
            if (written != null && results.get(results.size() - 1).ok()) {
                written.add(1);
            }
        }
        return results.iterator();
    }

    /** One image in the making: tiles are stitched as they arrive; the first error ends the image. */
    private final class ImageWriter {

        private final ImagePlan plan;
        private final Configuration conf;
        private final TileGrid grid;
        private final int[] classes;
        private final int[] perClass = new int[16];
        private long decode;
        private long classify;
        private long superResolve;
        private long stitchNanos;
        private String error;
        private Stitcher stitcher;
        private StreamingOutput target;
        private PngBandWriter png;
        private TiffBandWriter tiff;
        private BandPipe encoder;
        private ImageAssembler whole;
        private ImageAssembler truth;
        private BicubicBands alpha;
        private int bitDepth = 8;

        ImageWriter(ImagePlan plan, Configuration conf) {
            this.plan = plan;
            this.conf = conf;
            this.grid = TileGrid.cover(plan.width(), plan.height(), settings.tileSize(), settings.tileStep());
            this.classes = new int[grid.count()];
        }

        void add(TileRecord r) {
            if (error != null) {
                return;
            }
            if (r.failed()) {
                error = r.error(); // a branch failed on this image's tiles; already names its stage
                return;
            }
            long t = System.nanoTime();
            decode += r.decodeNanos();
            classify += r.classifyNanos();
            superResolve += r.superResolveNanos();
            try {
                if (r.index() < 0 || r.index() >= classes.length || r.cls() < 0 || r.cls() >= perClass.length) {
                    throw new IllegalStateException(String.format("tile %d (class %d) is not in the %dx%d grid of %d "
                            + "tiles planned from the header", r.index(), r.cls(), plan.width(), plan.height(),
                            classes.length));
                }
                classes[r.index()] = r.cls();
                perClass[r.cls()]++;
                if (stitcher == null) {
                    open(r.grey(), r.bitDepth(), r.alpha());
                }
                stitcher.add(grid.tile(r.index()), r.pixels().decode(), 0);
            } catch (IOException | RuntimeException e) {
                fail(Failures.STITCH, e);
            }
            stitchNanos += System.nanoTime() - t;
        }

        private void open(boolean grey, int depth, boolean hasAlpha) throws IOException {
            bitDepth = depth;
            int width = grid.outputWidth(settings.scale());
            int height = grid.outputHeight(settings.scale());
            int channels = grey ? 1 : 3;
            String format = extension(plan.output());
            if (hasAlpha) {
                // Alpha is not a network's job: bicubic x4 of the input's alpha, as the one-JVM
                // engine does, made band by band beside the colour: only the LR plane is held.
                DecodedImage input = ImageCodec.decode(InputBytes.readAll(plan, conf, settings.maxPixels()), plan.input());
                alpha = new BicubicBands(input.alpha(), settings.scale());
            }
            List<BandSink> sinks = new ArrayList<>();
            boolean streams = "png".equals(format) || "tif".equals(format);
            if (!streams) {
                checkFits(width, height, "the " + format + " writer cannot stream; use --format png or tif");
            }
            if (settings.hrFolder() != null) {
                checkFits(width, height, "PSNR/SSIM need the whole output in memory");
            }
            target = new StreamingOutput(plan.output(), conf);
            if ("png".equals(format)) {
                int written = channels + (alpha != null ? 1 : 0);
                png = new PngBandWriter(target.stream(), width, height, written, bitDepth, settings.pngCompression());
                sinks.add(encoding(alpha != null ? withAlpha(png::accept, alpha, false) : png::accept));
            } else if ("tif".equals(format)) {
                // TIFF takes grey, RGB or RGBA: grey with alpha is written as RGBA.
                int written = alpha == null ? channels : 4;
                tiff = new TiffBandWriter(target.stream(), width, height, written, bitDepth);
                sinks.add(encoding(alpha != null ? withAlpha(tiff::accept, alpha, true) : tiff::accept));
            } else {
                whole = new ImageAssembler(width, height, channels);
                sinks.add(whole);
            }
            if (settings.hrFolder() != null) {
                truth = new ImageAssembler(width, height, channels);
                sinks.add(truth);
            }
            BandSink all = (y0, band) -> sinks.forEach(s -> s.accept(y0, band));
            BandSink out = grey ? (y0, band) -> all.accept(y0, GreyImages.mean(band)) : all;
            stitcher = new Stitcher(grid, settings.scale(), 3, out);
        }

        /**
         * The streamed writer on a thread of its own ({@link BandPipe}): it encodes the rows
         * above while this task's thread decodes and stitches the next tiles. Two bands (of at
         * most 128 HR rows) wait at most.
         */
        private BandSink encoding(BandSink writer) {
            encoder = new BandPipe(writer, 2, "classsr-encode-" + plan.name());
            return encoder;
        }

        private void checkFits(int width, int height, String why) {
            long pixels = (long) width * height;
            if (pixels > settings.maxInMemoryOutputPixels()) {
                throw new IllegalStateException(String.format("output %dx%d = %.0f Mpx is over %.0f Mpx: %s",
                        width, height, pixels / 1e6, settings.maxInMemoryOutputPixels() / 1e6, why));
            }
        }

        /**
         * Stops the encoding thread, before the stream it writes to is dropped, and drops the
         * output unless it was committed: at the end of every image, and when the task itself fails.
         */
        void release() {
            if (encoder != null) {
                encoder.close();
            }
            if (target != null) {
                target.abortIfOpen();
            }
        }

        private void fail(String stage, Throwable e) {
            if (error == null) {
                error = Failures.at(stage, Failures.reason(e, plan.input()));
            }
        }

        /**
         * Ends the image. Commit last: the class map is written and the metrics are measured
         * before the output is renamed into place, so an image whose side outputs failed has no
         * output, and a rerun redoes it.
         */
        ImageResult finish() {
            long t = System.nanoTime();
            double psnr = Double.NaN;
            double ssim = Double.NaN;
            String stage = Failures.STITCH;
            try {
                if (error == null) {
                    stitcher.finish();
                    stage = Failures.WRITE;
                    if (encoder != null) {
                        encoder.finish(); // the writer has every row (or throws what it hit)
                    }
                    if (png != null) {
                        png.close();
                    } else if (tiff != null) {
                        tiff.close();
                    } else {
                        String format = extension(plan.output());
                        target.stream().write(ImageCodec.encode(
                                new DecodedImage(whole.result(), alpha == null ? null : alpha.band(0, alpha.height()),
                                        bitDepth, format), format));
                    }
                    if (plan.classMap() != null) {
                        stage = Failures.CLASS_MAP;
                        writeClassMap();
                    }
                    if (truth != null) {
                        stage = Failures.HR_METRICS;
                        FloatImage result = bitDepth == 16 ? Quantize.to16Bit(truth.result()) : Quantize.to8Bit(truth.result());
                        String gt = groundTruth();
                        FloatImage reference = ImageCodec.decode(HadoopFiles.readAll(gt, conf), gt).color();
                        psnr = Metrics.psnrY(result, reference, settings.scale());
                        ssim = Metrics.ssimY(result, reference, settings.scale());
                    }
                    stage = Failures.WRITE;
                    target.commit();
                }
            } catch (IOException | RuntimeException e) {
                fail(stage, e);
            } finally {
                release(); // after a commit only the (ended) encoding thread is left to join
            }
            stitchNanos += System.nanoTime() - t;
            if (error != null) {
                return ImageResult.failure(plan, error);
            }
            int used = 1;
            for (int k = 0; k < perClass.length; k++) {
                if (perClass[k] > 0) {
                    used = k + 1;
                }
            }
            return new ImageResult(plan.id(), plan.name(), plan.input(), plan.output(), plan.width(), plan.height(),
                    settings.scale(), Arrays.copyOf(perClass, used), decode, classify, superResolve, stitchNanos,
                    psnr, ssim, null);
        }

        private String groundTruth() {
            String file = plan.input().substring(plan.input().lastIndexOf('/') + 1);
            return settings.hrFolder().replaceAll("/+$", "") + "/" + file;
        }

        private void writeClassMap() throws IOException {
            DecodedImage input = ImageCodec.decode(InputBytes.readAll(plan, conf, settings.maxPixels()), plan.input());
            FloatImage map = ClassMapRenderer.render(input.color(), grid, classes);
            byte[] bytes = ImageCodec.encode(new DecodedImage(map, null, 8, "png"), "png");
            HadoopFiles.writeAtomically(plan.classMap(), conf, o -> o.write(bytes));
        }
    }

    static String extension(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (ext) {
            case "jpeg" -> "jpg";
            case "tiff" -> "tif";
            default -> ext;
        };
    }

    /** Appends the rows of {@code alpha} matching each band as a last channel (grey made RGB first if asked). */
    static BandSink withAlpha(BandSink out, BicubicBands alpha, boolean greyToRgb) {
        return (y0, band) -> {
            int n = band.planeSize();
            int colour = band.channels() == 1 && greyToRgb ? 3 : band.channels();
            float[] d = new float[(colour + 1) * n];
            for (int c = 0; c < colour; c++) {
                System.arraycopy(band.data(), Math.min(c, band.channels() - 1) * n, d, c * n, n);
            }
            System.arraycopy(alpha.band(y0, band.height()).data(), 0, d, colour * n, n);
            out.accept(y0, new FloatImage(band.width(), band.height(), colour + 1, d));
        };
    }
}
