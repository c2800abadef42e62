package dev.augury.cli;

import dev.augury.AuguryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code augury} command. Exit codes are documented in the help footer and in README.md. */
@Command(name = "augury",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Finds data poisoning in LLM finetuning datasets that no single row reveals: era shifts, latent",
            "personas, trigger and inductive backdoors, misalignment. It reads the whole dataset the way a",
            "model will and says what it teaches, how sure it is, and which rows carry it."},
        subcommands = {ScanCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  nothing reached --fail-on",
            "  1  at least one finding reached --fail-on",
            "  2  usage or input error (bad option, unreadable file, too many malformed rows, broken rule pack)",
            "  3  inconclusive: too little data to test (no finding reached --fail-on)",
            "",
            "Run 'augury scan --help' to start."})
public final class AuguryCommand implements Runnable {
    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_ERROR = AuguryException.EXIT_CODE;
    public static final int EXIT_INCONCLUSIVE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: try 'augury scan PATH'.");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new AuguryCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof AuguryException) {
                commandLine.getErr().println("augury: " + ex.getMessage());
                return EXIT_ERROR;
            }
            throw ex;
        });
        cl.setExitCodeExceptionMapper(t -> t instanceof AuguryException ? EXIT_ERROR : 70);
        return cl.execute(args);
    }
}
