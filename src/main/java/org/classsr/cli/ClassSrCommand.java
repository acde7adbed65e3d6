package org.classsr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: its subcommands are the things a user does with ClassSR. */
@Command(name = "classsr", mixinStandardHelpOptions = true, version = "classsr 0.1.0",
        description = "ClassSR x4 super-resolution: tiles routed to networks of the capacity they need.",
        subcommands = {UpscaleJvmCommand.class, SparkUpscaleCommand.class, EvalCommand.class, BenchCommand.class, DemoCommand.class,
                CalibrateCommand.class, InitModelCommand.class, DatasetCommand.class, TrainCommand.class,
                ImportCommand.class, CommandLine.HelpCommand.class})
public final class ClassSrCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read by {@link Main} before parsing (logging is set up before any command runs); declared here for help and parsing. */
    @CommandLine.Option(names = StackLogging.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "Show the logs of Spark, Hadoop and DJL, hidden by default.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with our error handling: a bad argument or setting is one clear line, exit 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ClassSrCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof org.classsr.model.ModelException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }
}
