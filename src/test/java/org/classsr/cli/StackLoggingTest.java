package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

/** The quiet defaults of log4j2.xml, as this test JVM (which sets no classsr.log.* property) loads them. */
class StackLoggingTest {

    @Test
    void realWarningsOfTheStackStillShowButItsInfoDoesNot() {
        for (String name : List.of("org.apache.spark.scheduler.TaskSetManager", "org.apache.hadoop.fs.s3a.S3AFileSystem",
                "ai.djl.pytorch.engine.PtEngine")) {
            Logger logger = LogManager.getLogger(name);
            assertTrue(logger.isWarnEnabled(), name);
            assertFalse(logger.isInfoEnabled(), name);
        }
    }

    @Test
    void theKnownHarmlessWarningIsSilenced() {
        assertFalse(LogManager.getLogger("org.apache.hadoop.util.NativeCodeLoader").isWarnEnabled());
        assertTrue(LogManager.getLogger("org.apache.hadoop.util.NativeCodeLoader").isErrorEnabled());
    }

    @Test
    void verboseIsFoundAnywhereOnTheCommandLine() {
        assertTrue(StackLogging.verbose(List.of("demo", "--verbose")));
        assertTrue(StackLogging.verbose(List.of("--verbose", "eval", "--hr", "x")));
        assertFalse(StackLogging.verbose(List.of("demo", "--output", "verbose")));
    }
}
