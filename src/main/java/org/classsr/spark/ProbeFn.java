package org.classsr.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;
import org.classsr.geo.GeoTiffReader;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageInfo;
import org.classsr.image.PixelLimit;

/**
 * On an executor: reads an input's size and format from its header (the first bytes only; a
 * format without a header reader is decoded) and refuses it when over the pixel limit.
 */
public final class ProbeFn implements Function<ImagePlan, ProbeResult> {

    private static final int HEAD_BYTES = 1 << 20;
    /** The format of inputs for {@link GeoUpscaleFn}. */
    static final String GEOTIFF = "geotiff";

    private final long maxPixels;

    public ProbeFn(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Where the rest of an input's bytes come from, if its header needs them. */
    @FunctionalInterface
    interface AllBytes {
        byte[] read() throws IOException;
    }

    @Override
    public ProbeResult call(ImagePlan plan) {
        try {
            Configuration conf = HadoopFiles.conf();
            byte[] head = InputBytes.head(plan, conf, HEAD_BYTES, maxPixels);
            return probe(plan, head, () -> InputBytes.readAll(plan, conf, maxPixels));
        } catch (Exception e) {
            return new ProbeResult(plan.id(), 0, 0, null, Failures.reason(e, plan.input()));
        }
    }

    /** The probe of bytes already read: {@code head} (or all of them), {@code all} if the header lies further. */
    ProbeResult probe(ImagePlan plan, byte[] head, AllBytes all) {
        try {
            if (plan.member() == null && (GeoTiffReader.wants(head) || (head.length == HEAD_BYTES
                    && GeoTiffReader.directoryBeyond(head) && GeoTiffReader.wants(head = all.read())))) {
                // A GeoTIFF or multi-band raster: the geo path, which keeps every band and the georeference.
                ImageInfo info = GeoTiffReader.probe(head, plan.input());
                String limit = PixelLimit.reason(info.width(), info.height(), maxPixels);
                return new ProbeResult(plan.id(), info.width(), info.height(), GEOTIFF, limit);
            }
            ImageInfo info;
            try {
                info = ImageCodec.probe(head, plan.input());
            } catch (RuntimeException e) {
                // A header past the first megabyte, or a format sized only by decoding: read it all.
                info = ImageCodec.probe(all.read(), plan.input());
            }
            String limit = PixelLimit.reason(info.width(), info.height(), maxPixels);
            return new ProbeResult(plan.id(), info.width(), info.height(), info.format(), limit);
        } catch (Exception e) {
            return new ProbeResult(plan.id(), 0, 0, null, Failures.reason(e, plan.input()));
        }
    }
}
