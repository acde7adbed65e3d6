package org.classsr.cli;

import picocli.CommandLine;

/** Entry point of {@code submit/classsr}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ClassSrCommand.commandLine().execute(args));
    }
}
