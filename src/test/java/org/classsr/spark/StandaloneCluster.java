package org.classsr.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1 without a Spark tarball (none can be downloaded here):
 * SPARK_HOME/jars holds links to jars (this project's test classpath, or only what a Spark
 * installation provides); a master and workers run as their own JVMs from it.
 */
final class StandaloneCluster implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final Path home;
    private final int port;

    private StandaloneCluster(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return start(sparkHome(dir.resolve("spark-home"), Arrays.asList(classpath.split(File.pathSeparator))), dir,
                workers);
    }

    /** A SPARK_HOME whose jars/ links to the given jars (directories and missing files are skipped). */
    static Path sparkHome(Path home, List<String> classpath) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : classpath) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        return home;
    }

    /** A master and workers run from {@code home}/jars, logs and work folders in {@code dir}. */
    static StandaloneCluster start(Path home, Path dir, int workers) throws IOException, InterruptedException {
        int port = LocalServers.freePort();
        StandaloneCluster cluster = new StandaloneCluster(home, port);
        try {
            cluster.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(port), "--webui-port", String.valueOf(LocalServers.freePort())), dir);
            cluster.await(port, dir.resolve("master.log"));
            for (int i = 0; i < workers; i++) {
                cluster.launch("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(LocalServers.freePort()),
                        "--work-dir", dir.resolve("work" + i).toString(), cluster.master()), dir);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Kills (SIGKILL, as a machine that is lost) the worker JVM that runs the executor with this
     * id, and that executor with it; returns the worker's number. With no such executor found
     * (its command line unreadable), the last worker.
     */
    int killWorkerOf(String executorId) {
        int worker = processes.size() - 1;
        for (int i = 1; i < processes.size(); i++) {
            boolean runs = processes.get(i).descendants().anyMatch(h -> h.info().arguments()
                    .map(a -> java.util.Collections.indexOfSubList(List.of(a), List.of("--executor-id", executorId)) >= 0)
                    .orElse(false));
            if (runs) {
                worker = i;
                break;
            }
        }
        Process p = processes.get(worker);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return worker - 1;
    }

    /** Whether worker {@code i} (from 0) is alive. */
    boolean workerAlive(int i) {
        return processes.get(i + 1).isAlive();
    }

    String master() {
        return "spark://127.0.0.1:" + port;
    }

    private void launch(String name, List<String> mainAndArgs, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(List.of(javaModuleFlags()));
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + File.separator + "*");
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OPT_OUT_TRACKING", "true");
        processes.add(pb.start());
    }

    /** Spark's Java 17 flags, as the test JVM got them from the pom. */
    static String[] javaModuleFlags() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty") || a.startsWith("-XX:+Ignore"))
                .toArray(String[]::new);
    }

    /**
     * Waits for the master's port. Generous (a busy 2-core machine starts a JVM slowly), but
     * fails at once, with the master's log, when the master process has died.
     */
    private void await(int p, Path log) throws InterruptedException, IOException {
        Process master = processes.get(0);
        if (LocalServers.awaitPort(master, p, 180)) {
            return;
        }
        if (!master.isAlive()) {
            throw new IllegalStateException("the Spark master exited with " + master.exitValue() + ":\n"
                    + (Files.exists(log) ? Files.readString(log) : "(no log)"));
        }
        throw new IllegalStateException("the Spark master did not start within 180 s");
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            LocalServers.stop(processes.get(i));
        }
    }
}
