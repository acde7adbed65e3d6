package org.classsr.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy 4.1.0 (filesystem provider) as its own JVM on 127.0.0.1 and
 * a free port, that can be stopped and restarted on the same port and blobs (an outage) (in the test JVM its AWS SDK and Guava would clash with Spark's). Maven copies its
 * jar to target/s3proxy/s3proxy.jar.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String IDENTITY = "test-access-key";
    static final String CREDENTIAL = "test-secret-key-do-not-print";

    private final Path dir;
    private final int port;
    private Process process;

    private S3ProxyServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
        S3ProxyServer server = new S3ProxyServer(dir, LocalServers.freePort());
        server.launch();
        return server;
    }

    /** Starts the server again on the same port and blobs (after {@link #stop()}): an outage ends. */
    void restart() throws IOException, InterruptedException {
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven (process-test-resources copies it)");
        }
        Path base = Files.createDirectories(dir.resolve("blobs"));
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + base,
                "jclouds.identity=" + IDENTITY,
                "jclouds.credential=" + CREDENTIAL) + "\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("s3proxy.log");
        process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-jar", jar.toString(), "--properties",
                props.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (LocalServers.awaitPort(process, port, 60)) {
            return;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
        }
        close();
        throw new IllegalStateException("S3Proxy did not start within 60 s");
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates a bucket through the S3 API, as a user would. */
    void createBucket(String name) {
        try (S3Client client = S3Client.builder().endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .build()) {
            client.createBucket(b -> b.bucket(name));
        }
    }

    /** The S3A settings for this server, as Spark properties (spark.hadoop.*). */
    Map<String, String> sparkHadoopConf() {
        return Map.of(
                "spark.hadoop.fs.s3a.endpoint", endpoint(),
                "spark.hadoop.fs.s3a.endpoint.region", "us-east-1",
                "spark.hadoop.fs.s3a.path.style.access", "true",
                "spark.hadoop.fs.s3a.connection.ssl.enabled", "false",
                "spark.hadoop.fs.s3a.access.key", IDENTITY,
                "spark.hadoop.fs.s3a.secret.key", CREDENTIAL,
                "spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "spark.hadoop.fs.s3a.impl.disable.cache", "true");
    }

    /** Kills the server (an outage: connections are refused until {@link #restart()}). */
    void stop() {
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        LocalServers.stop(process);
    }
}
