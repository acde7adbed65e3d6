package org.classsr.spark;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures everything logged through log4j2 in this JVM (our code, Spark, Hadoop and S3A, the
 * AWS SDK: all reach log4j2 through SLF4J) while open, with Spark and Hadoop raised to INFO and
 * S3A to DEBUG, more than a user sees. Restores the levels and removes itself on close.
 */
final class LogCapture implements AutoCloseable {

    private static final String NAME = "classsr-test-capture";
    private static final List<String> INFO = List.of("org.apache.spark", "org.apache.hadoop", "org.sparkproject",
            "software.amazon.awssdk");
    private static final List<String> DEBUG = List.of("org.apache.hadoop.fs.s3a");

    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Map<String, Level> before = new HashMap<>();
    private final List<org.apache.logging.log4j.core.Appender> consoles = new java.util.ArrayList<>();

    LogCapture() {
        Configuration config = context.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder().setName(NAME).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m%n%ex").build()).build();
        appender.start();
        config.addAppender(appender);
        // The console keeps showing what it showed: only the capture gets the extra lines.
        LoggerConfig root = config.getRootLogger();
        for (org.apache.logging.log4j.core.Appender a : root.getAppenders().values()) {
            consoles.add(a);
            root.removeAppender(a.getName());
            root.addAppender(a, Level.WARN, null);
        }
        root.addAppender(appender, Level.ALL, null);
        level(config, INFO, Level.INFO);
        level(config, DEBUG, Level.DEBUG);
        context.updateLoggers();
    }

    private void level(Configuration config, List<String> names, Level level) {
        for (String name : names) {
            LoggerConfig own = config.getLoggers().get(name);
            if (own == null) {
                own = new LoggerConfig(name, level, true);
                config.addLogger(name, own);
                before.put(name, null);
            } else {
                before.putIfAbsent(name, own.getLevel());
            }
            own.setLevel(level);
        }
    }

    /** All captured so far. */
    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(NAME);
        for (org.apache.logging.log4j.core.Appender a : consoles) {
            root.removeAppender(a.getName());
            root.addAppender(a, null, null);
        }
        before.forEach((name, level) -> {
            if (level == null) {
                config.removeLogger(name);
            } else {
                config.getLoggers().get(name).setLevel(level);
            }
        });
        context.updateLoggers();
    }
}
