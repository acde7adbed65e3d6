package org.classsr.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;
import org.classsr.archive.ArchiveLimits;
import org.classsr.archive.ArchiveMember;
import org.classsr.archive.MemberReader;
import org.classsr.image.DecodedImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageInfo;
import org.classsr.spark.HadoopFiles;

/**
 * Makes one shard (a Spark task, or one step of the one-JVM loop): skips it when its record
 * says it is finished from the same images and settings and the shard has the length the record
 * implies; otherwise reads the images through
 * Hadoop's file systems, cuts them into a local temporary shard, and commits the shard and then
 * its record to the output atomically.
 */
public final class ShardTask implements Function<ShardPlan, ShardOutcome> {

    private static final long serialVersionUID = 1L;

    private final JobSettings job;

    public ShardTask(JobSettings job) {
        this.job = job;
    }

    @Override
    public ShardOutcome call(ShardPlan plan) throws IOException {
        Configuration conf = HadoopFiles.conf();
        String bin = job.output() + "/" + plan.name() + ".bin";
        String done = job.output() + "/" + plan.name() + ".json";
        if (!job.force() && HadoopFiles.exists(done, conf) && HadoopFiles.exists(bin, conf)) {
            byte[] json = HadoopFiles.readAll(done, conf);
            ShardDone found = ShardDone.parse(json);
            // The length catches a shard replaced or cut short since; reading it all to hash would cost a full pass.
            if (found.matches(job.key(), plan) && length(bin, conf) == expectedLength(found.result().samples())) {
                return new ShardOutcome(new String(json, StandardCharsets.UTF_8), true);
            }
        }
        Path local = Files.createTempDirectory("classsr-shard-");
        try {
            Path file = local.resolve(plan.name() + ".bin");
            ShardGroup.Result result;
            try (ModelLabeler labeler = job.labels() == null ? null : new ModelLabeler(job.labels(), job.format())) {
                result = ShardGroup.write(job.dataset(), plan.paths(), plan.firstIndex(),
                        p -> read(p, plan.member(p), conf, job.maxPixels()), file, labeler);
            }
            HadoopFiles.writeAtomically(bin, conf, o -> Files.copy(file, o));
            byte[] json = new ShardDone(job.key(), plan.firstIndex(), plan.paths(), result).json();
            HadoopFiles.writeAtomically(done, conf, o -> o.write(json));
            return new ShardOutcome(new String(json, StandardCharsets.UTF_8), false);
        } finally {
            try (Stream<Path> files = Files.walk(local)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private long expectedLength(int samples) {
        return ShardFormat.HEADER_BYTES + (long) samples * job.format().recordBytes();
    }

    private static long length(String uri, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        return p.getFileSystem(conf).getFileStatus(p).getLen();
    }

    /**
     * The image (a file, or an archive member read by its offset as {@code upscale} reads them),
     * refused from its header before decoding when it is over the pixel limit.
     */
    private static DecodedImage read(String uri, ArchiveMember member, Configuration conf, long maxPixels) {
        try {
            byte[] bytes = member == null ? HadoopFiles.readAll(uri, conf)
                    : MemberReader.readAll(member, conf, ArchiveLimits.forPixels(maxPixels));
            ImageInfo info = ImageCodec.probe(bytes, uri);
            if ((long) info.width() * info.height() > maxPixels) {
                throw new IllegalArgumentException(info.width() + "x" + info.height() + " pixels, over "
                        + "classsr.input.max-pixels " + maxPixels);
            }
            return ImageCodec.decode(bytes, uri);
        } catch (IOException e) {
            throw new UncheckedIOException(uri + ": " + e.getMessage(), e);
        }
    }
}
