package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.classsr.archive.TestArchives;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zip, a tar and a tar.gz in S3 (S3Proxy), upscaled to S3 without extraction, equal to the extracted folder's outputs. */
@Tag("slow")
class S3ArchiveJobTest {

    @TempDir
    Path dir;

    @Test
    void archivesInS3UpscaleLikeTheExtractedFolder() throws Exception {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 7);
        Map<String, byte[]> members = TestArchives.nestedCrops();
        Path folder = dir.resolve("extracted");
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            Path f = folder.resolve(m.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, m.getValue());
        }
        // Three archives with different top folders, so that their outputs lie side by side.
        Map<String, Path> archives = new LinkedHashMap<>();
        archives.put("data.zip", TestArchives.zip(dir.resolve("a/data.zip"), prefixed("z/", members),
                Set.of("z/set/a/" + TestArchives.CROPS[0])));
        archives.put("data.tar", TestArchives.tar(dir.resolve("a/data.tar"), prefixed("t/", members)));
        archives.put("data.tar.gz", TestArchives.tgz(dir.resolve("a/data.tar.gz"), prefixed("g/", members)));

        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"))) {
            s3.createBucket("images");
            SparkJobSettings settings = SparkTesting.local().withConf(s3.sparkHadoopConf());
            Configuration conf = new Configuration();
            s3.sparkHadoopConf().forEach((k, v) -> conf.set(k.substring("spark.hadoop.".length()), v));
            FileSystem fs = FileSystem.get(URI.create("s3a://images/"), conf);
            List<String> inputs = new java.util.ArrayList<>();
            for (Map.Entry<String, Path> a : archives.entrySet()) {
                String key = "s3a://images/archives/" + a.getKey();
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(a.getValue().toUri()), new org.apache.hadoop.fs.Path(key));
                inputs.add(key);
            }

            SparkSession spark = DistributedUpscaler.session(settings);
            JobReport local;
            JobReport remote;
            Path localOut = dir.resolve("out");
            try {
                local = DistributedUpscaler.run(spark, settings, new JobRequest(List.of(folder.toString()),
                        localOut.toString(), model, SparkTesting.engine(), 64_000_000L, "same", false, false, null), null);
                remote = DistributedUpscaler.run(spark, settings, new JobRequest(inputs, "s3a://images/hr", model,
                        SparkTesting.engine(), 64_000_000L, "same", false, false, null),
                        new PrintWriter(new StringWriter(), true));
            } finally {
                spark.stop();
            }
            assertEquals(3, local.imagesOk(), local.failures().toString());
            assertEquals(9, remote.imagesOk(), remote.failures().toString());
            assertTrue(remote.images().stream().anyMatch(
                    r -> r.input().equals("s3a://images/archives/data.zip!/z/set/a/" + TestArchives.CROPS[0])),
                    "inputs are named ARCHIVE!/MEMBER");
            for (String top : List.of("z/", "t/", "g/")) {
                for (String member : members.keySet()) {
                    String key = "s3a://images/hr/" + top + member;
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (var in = fs.open(new org.apache.hadoop.fs.Path(key))) {
                        in.transferTo(bytes);
                    }
                    String file = member.substring(member.lastIndexOf('/') + 1);
                    ArchiveJobTest.assertSameImage(Files.readAllBytes(localOut.resolve(file)), bytes.toByteArray(), key);
                }
            }
            fs.close();
        }
    }

    private static Map<String, byte[]> prefixed(String prefix, Map<String, byte[]> members) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        members.forEach((k, v) -> m.put(prefix + k, v));
        return m;
    }
}
