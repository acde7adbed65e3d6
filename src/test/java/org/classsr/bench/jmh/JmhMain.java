package org.classsr.bench.jmh;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH microbenchmarks of this package with the JVM flags the project needs (no DJL
 * telemetry). Any JMH command-line option works and wins, e.g. {@code -wi 1 -i 2 -f 1 stitching}
 * (a trailing regular expression picks benchmarks; default: all of this package).
 */
public final class JmhMain {

    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args); // -h, -l, -lp, -lprof, -lrf: JMH's own answers, nothing is run
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
                .jvmArgsAppend("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                        "-Dai.djl.pytorch.num_interop_threads=1");
        if (cli.getIncludes().isEmpty()) {
            options.include(JmhMain.class.getPackageName() + ".*");
        }
        new Runner(options.build()).run();
    }
}
