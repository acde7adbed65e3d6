package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassSrCommandTest {

    /** Builds the whole command tree (picocli checks every option of every subcommand) and prints help. */
    @Test
    void everySubcommandIsWellFormed() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String command : new String[] {"upscale", "spark-upscale", "upscale-jvm", "bench", "calibrate", "init-model", "eval", "demo",
                "dataset", "train", "import"}) {
            assertTrue(run.out().contains(command), command + " in " + run.out());
            assertEquals(0, CliRun.of(command, "--help").exitCode(), command);
        }
    }
}
