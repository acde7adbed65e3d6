package org.classsr.cli;

import java.util.List;

/** Entry point of {@code submit/classsr}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Before anything logs: log4j reads its levels once, at the first logger.
        StackLogging.configure(StackLogging.verbose(List.of(args)));
        System.exit(ClassSrCommand.commandLine().execute(args));
    }
}
