package org.classsr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/**
 * How much of the stack's (Spark, Hadoop, DJL) logging a run shows. By default only their
 * warnings, less the known-harmless ones; {@code --verbose} shows their info logs and those
 * warnings too.
 *
 * <p>The levels are system properties read by {@code log4j2.xml}, so they must be set before the
 * first library logs: {@link Main} calls {@link #configure} before it builds the command line.
 * A value already given with {@code -D} on the JVM command line is kept.
 */
final class StackLogging {

    static final String VERBOSE = "--verbose";
    static final String STACK = "classsr.log.stack";
    static final String HARMLESS = "classsr.log.harmless";
    static final String GPU_PROBE = "classsr.log.gpu-probe";
    /** Written by DJL's CPU native jars; its flavor is "cpu" there, "cu128" etc. for CUDA builds. */
    private static final String NATIVES = "/native/lib/pytorch.properties";

    private StackLogging() {
    }

    /** True when the arguments ask for the stack's logs. */
    static boolean verbose(List<String> args) {
        return args.contains(VERBOSE);
    }

    static void configure(boolean verbose) {
        setDefault(STACK, verbose ? "info" : "warn");
        setDefault(HARMLESS, verbose ? "info" : "error");
        // On CPU-only natives a failed GPU probe says nothing about this run; with CUDA natives
        // it is a real warning. DJL has no switch to skip the probe itself.
        setDefault(GPU_PROBE, verbose ? "info" : cpuOnlyNatives() ? "error" : "warn");
    }

    /** Whether the PyTorch natives on the classpath are a CPU build. */
    static boolean cpuOnlyNatives() {
        try (InputStream in = StackLogging.class.getResourceAsStream(NATIVES)) {
            if (in == null) {
                return false;
            }
            Properties p = new Properties();
            p.load(in);
            return "cpu".equals(p.getProperty("flavor"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void setDefault(String key, String level) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }
}
