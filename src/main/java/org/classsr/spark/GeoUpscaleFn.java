package org.classsr.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;
import org.classsr.engine.ProgressListener;
import org.classsr.geo.GeoSettings;
import org.classsr.geo.GeoStats;
import org.classsr.geo.GeoTiffFiles;
import org.classsr.geo.GeoUpscaler;
import scala.Tuple2;

/**
 * On an executor: one GeoTIFF (or other multi-band raster) upscaled whole by the
 * {@link GeoUpscaler}, every band kept in its type with its georeference and nodata, and streamed
 * to the output file system, committed atomically. A raster is one task (its tiles are not
 * spread over the class-partitioned stages: the ClassSR bands and the bicubic bands meet again
 * row by row in this task). Yields the image's result and what the geo path did with its bands.
 */
public record GeoUpscaleFn(StageSettings settings, GeoSettings geo)
        implements Function<ImagePlan, Tuple2<ImageResult, GeoStats>> {

    @Override
    public Tuple2<ImageResult, GeoStats> call(ImagePlan plan) {
        StreamingOutput target = null;
        try {
            String format = StitchWriteFn.extension(plan.output());
            if (!"tif".equals(format)) {
                throw new IllegalArgumentException("a GeoTIFF or multi-band raster is written as GeoTIFF (every band, "
                        + "type and georeference kept): use --format tif or same, not " + format);
            }
            Configuration conf = HadoopFiles.conf();
            long t = System.nanoTime();
            byte[] bytes = HadoopFiles.readAll(plan.input(), conf);
            long read = System.nanoTime() - t;
            GeoUpscaler upscaler = new GeoUpscaler(Models.get(settings), settings.engine(), geo);
            target = new StreamingOutput(plan.output(), conf);
            GeoStats stats = GeoTiffFiles.upscale(upscaler, bytes, plan.input(), target.stream(),
                    java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), ProgressListener.NONE);
            t = System.nanoTime();
            target.commit();
            long commit = System.nanoTime() - t;
            ImageResult result = new ImageResult(plan.id(), plan.name(), plan.input(), plan.output(), plan.width(),
                    plan.height(), upscaler.scale(), stats.tilesPerClass(), read, 0, stats.nanos(), commit, Double.NaN,
                    Double.NaN, null);
            return new Tuple2<>(result, stats);
        } catch (Exception e) {
            return new Tuple2<>(ImageResult.failure(plan, Failures.reason(e, plan.input())), null);
        } finally {
            if (target != null) {
                target.abortIfOpen();
            }
        }
    }
}
