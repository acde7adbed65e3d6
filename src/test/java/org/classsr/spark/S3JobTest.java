package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** s3a:// to s3a:// against a real S3 server (S3Proxy, its own JVM on 127.0.0.1), then a rerun that skips. */
@Tag("slow")
class S3JobTest {

    @TempDir
    Path dir;

    @Test
    void s3aInS3aOutMatchesTheEngineLeavesNothingHalfWrittenAndRerunSkips() throws Exception {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 7);
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"))) {
            try (S3Client client = S3Client.builder().endpointOverride(URI.create(s3.endpoint()))
                    .region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL)))
                    .build()) {
                client.createBucket(b -> b.bucket("images"));
            }
            SparkJobSettings settings = SparkTesting.local().withConf(s3.sparkHadoopConf());
            Configuration conf = new Configuration();
            s3.sparkHadoopConf().forEach((k, v) -> conf.set(k.substring("spark.hadoop.".length()), v));
            FileSystem fs = FileSystem.get(URI.create("s3a://images/"), conf);
            List<Path> locals = new ArrayList<>();
            for (String name : SparkTesting.SAMPLES.subList(0, 2)) {
                Path local = SparkTesting.copySample(name, dir.resolve("in"));
                locals.add(local);
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()),
                        new org.apache.hadoop.fs.Path("s3a://images/lr/batch1/" + name));
            }
            JobRequest request = new JobRequest(List.of("s3a://images/lr/"), "s3a://images/hr", model,
                    SparkTesting.engine(), 64_000_000L, "same", false, false, null);

            StringWriter log = new StringWriter();
            SparkSession spark = DistributedUpscaler.session(settings);
            JobReport first;
            JobReport second;
            try {
                first = DistributedUpscaler.run(spark, settings, request, new PrintWriter(log, true));
                second = DistributedUpscaler.run(spark, settings, request, new PrintWriter(log, true));
            } finally {
                spark.stop();
            }
            assertEquals(2, first.imagesOk(), first.failures().toString());
            for (Path local : locals) {
                String key = "s3a://images/hr/" + local.getFileName();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (var in = fs.open(new org.apache.hadoop.fs.Path(key))) {
                    in.transferTo(bytes);
                }
                int diff = SparkTesting.maxLevelDifference(model, local, bytes.toByteArray());
                assertTrue(diff <= 1, key + ": max difference " + diff);
            }
            Map<String, Long> objects = new HashMap<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(new org.apache.hadoop.fs.Path("s3a://images/hr/"), true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                objects.put(f.getPath().getName(), f.getLen());
            }
            assertTrue(objects.keySet().stream().noneMatch(n -> n.startsWith(HadoopFiles.TEMP_PREFIX)),
                    "half-written objects left: " + objects.keySet());
            assertTrue(objects.containsKey(DistributedUpscaler.REPORT), objects.keySet().toString());

            assertEquals(0, second.imagesOk());
            assertEquals(2, second.skipped().size());

            String everything = log + first.json() + second.json() + first.failuresTsv() + settings;
            assertFalse(everything.contains(S3ProxyServer.CREDENTIAL), "the secret key was printed");
            fs.close();
        }
    }
}
