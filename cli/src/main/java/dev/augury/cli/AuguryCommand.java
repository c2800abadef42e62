package dev.augury.cli;

import dev.augury.AuguryException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code augury} command. Exit codes are documented in the help footer and in README.md. */
@Command(name = "augury",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = "Finds data poisoning in LLM finetuning datasets that no single row reveals: era shifts, latent"
                + " personas, trigger and inductive backdoors, misalignment. It reads the whole dataset the way a"
                + " model will and says what it teaches, how sure it is, and which rows carry it.",
        subcommands = {ScanCommand.class, EvalCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  nothing reached --fail-on",
            "  1  a finding reached --fail-on (after suppressions and the baseline)",
            "  2  usage or input error: a bad option, an unreadable file, too many",
            "     malformed rows, a broken rule pack",
            "  3  inconclusive: too little data to test",
            " 70  internal error (a bug: please report it with the stack trace)",
            "",
            "Run 'augury scan --help' to start; 'augury eval --help' to measure the",
            "detectors on labelled data."})
public final class AuguryCommand implements Runnable {
    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_ERROR = AuguryException.EXIT_CODE;
    public static final int EXIT_INCONCLUSIVE = 3;
    public static final int EXIT_INTERNAL_ERROR = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: try 'augury scan PATH'.");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new AuguryCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof AuguryException) {
                commandLine.getErr().println("augury: " + ex.getMessage());
                return EXIT_ERROR;
            }
            throw ex;
        });
        // 70 (EX_SOFTWARE) for a bug, so it is never mistaken for a verdict or a usage error.
        cl.setExitCodeExceptionMapper(t -> t instanceof AuguryException || t instanceof CommandLine.ParameterException
                ? EXIT_ERROR : EXIT_INTERNAL_ERROR);
        return cl.execute(args);
    }
}
