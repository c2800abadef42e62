package dev.augury.cli;

import dev.augury.AuguryException;
import dev.augury.io.DatasetFormat;
import dev.augury.io.ReadOptions;
import dev.augury.report.Report;
import dev.augury.report.ReportWriters;
import dev.augury.report.Severity;
import dev.augury.report.TextSummary;
import dev.augury.report.Verdict;
import dev.augury.report.policy.PolicyResult;
import dev.augury.scan.ScanConfig;
import dev.augury.scan.ScanPolicy;
import dev.augury.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code augury scan}: the one command a person needs. It only maps options onto {@link ScanConfig}. */
@Command(name = "scan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Scan finetuning datasets and report what they teach as a whole.",
        description = {
            "",
            "PATH is a file or a directory (every .jsonl/.json/.ndjson/.csv/.tsv file under it, .gz too); several"
                    + " paths make one scan. Layouts are detected from content: chat {\"messages\"}, Alpaca, ShareGPT,"
                    + " prompt/response pairs (prompt/response, question/answer, instruction/output, ...), CSV with a"
                    + " header, and prompt-only files. Malformed rows are reported with file:line and skipped."
                    + " Augury never writes to the datasets it reads."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  augury scan data/train.jsonl",
            "  augury scan vendor/ --format json --output report.json --fail-on medium",
            "  augury scan data.csv --prompt-field question --response-field answer",
            "  augury scan data/ --format sarif,junit,html --output-dir reports \\",
            "      --suppressions augury-suppressions.yaml",
            "  augury scan data/ --baseline last-release/augury-report.json",
            "",
            "Exit codes: 0 pass, 1 a finding reached --fail-on (after suppressions and",
            "baseline), 2 usage or input error, 3 inconclusive."})
public final class ScanCommand implements Callable<Integer> {
    /** The output formats of this command: text is the terminal summary, the others are ReportWriters'. */
    enum OutputFormat {
        json("json"), text("txt"), sarif("sarif"), junit("junit.xml"), markdown("md"), html("html");

        final String extension;

        OutputFormat(String extension) {
            this.extension = extension;
        }
    }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Dataset files or directories.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "Report format(s): text, json, sarif (SARIF 2.1.0), junit (JUnit XML), markdown, html "
                    + "(a self-contained page with plots). Default: text on the terminal; with --output, from the "
                    + "file's extension (.txt .json .sarif .xml .md .html); with --output-dir, json and text.")
    List<OutputFormat> formats = new ArrayList<>();

    @CommandLine.ArgGroup(exclusive = true)
    Destination destination;

    static final class Destination {
        @Option(names = "--output", paramLabel = "FILE", description = "Write the report (one format) to FILE.")
        Path file;

        @Option(names = "--output-dir", paramLabel = "DIR",
                description = "Write augury-report.<format> for each format into DIR.")
        Path dir;
    }

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "Lowest severity that fails the scan (exit 1): info, low, medium, high, critical. "
                    + "Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "Suppression file (YAML): findings accepted by id, or by category and dataset path glob, "
                    + "each with a reason and an optional 'until' date. An expired entry no longer suppresses; an "
                    + "entry that matches nothing is warned about.")
    Path suppressions;

    @Option(names = "--baseline", paramLabel = "REPORT.json",
            description = "An earlier JSON report: findings it already lists are not reported again (only new "
                    + "findings count towards the verdict).")
    Path baseline;

    @Option(names = "--input-format", paramLabel = "LAYOUT", defaultValue = "auto",
            description = "Force the input layout: auto, chat, alpaca, sharegpt, pair, csv, prompt-only. "
                    + "Default: ${DEFAULT-VALUE}.")
    String inputFormat;

    @Option(names = "--prompt-field", paramLabel = "FIELD", description = "Field (or CSV column) holding the prompt.")
    String promptField;

    @Option(names = "--response-field", paramLabel = "FIELD",
            description = "Field (or CSV column) holding the response.")
    String responseField;

    @Option(names = "--max-malformed", paramLabel = "SHARE", defaultValue = "0.2",
            description = "Reject a file (exit 2) when more than this share of its rows is malformed. "
                    + "Default: ${DEFAULT-VALUE}.")
    double maxMalformed;

    @Option(names = "--model", paramLabel = "DIR",
            description = "An ONNX sentence encoder directory (model.onnx and tokenizer.json). Default: the "
                    + "bundled all-MiniLM-L6-v2.")
    Path model;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache of vectors and language features. Default: $XDG_CACHE_HOME/augury or ~/.cache/augury.")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Do not read or write the cache.")
    boolean noCache;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Extra rule-pack directory (YAML), loaded after the defaults. Repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + ScanConfig.DEFAULT_SEED,
            description = "Seed of every random choice; the same input and options give the same report. "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: the number of cores).")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary; only errors.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ScanConfig config = toConfig();
        Set<OutputFormat> chosen = chosenFormats();
        // Before the scan: a broken suppression file or baseline should cost a second, not a whole scan.
        ScanPolicy gate = ScanPolicy.load(config);
        Report report;
        try (ProgressListener progress = ProgressListener.forTerminal(quiet, spec.commandLine().getErr());
             Scanner scanner = Scanner.builder(config).listener(progress).build()) {
            report = scanner.scan();
        }
        PolicyResult policy = gate.apply(report, LocalDate.now());
        PrintWriter err = spec.commandLine().getErr();
        for (String w : policy.warnings()) {
            err.println("augury: warning: " + w);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (destination == null) {
            for (OutputFormat f : chosen) {
                out.print(new String(render(report, policy, f), StandardCharsets.UTF_8));
            }
        } else if (destination.file != null) {
            write(destination.file, render(report, policy, chosen.iterator().next()));
            if (!quiet) {
                out.print(text(report, policy));
            }
        } else {
            Files.createDirectories(destination.dir);
            for (OutputFormat f : chosen) {
                write(destination.dir.resolve("augury-report." + f.extension), render(report, policy, f));
            }
            if (!quiet) {
                out.print(text(report, policy));
            }
        }
        out.flush();
        return exitCode(policy.verdict());
    }

    static int exitCode(Verdict verdict) {
        return switch (verdict) {
            case PASS -> AuguryCommand.EXIT_PASS;
            case FAIL -> AuguryCommand.EXIT_FAIL;
            case INCONCLUSIVE -> AuguryCommand.EXIT_INCONCLUSIVE;
        };
    }

    ScanConfig toConfig() {
        Severity threshold;
        try {
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
        }
        DatasetFormat layout = parseLayout(inputFormat);
        if (maxMalformed <= 0 || maxMalformed > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-malformed must be a share in (0, 1], e.g. 0.2 for 20%");
        }
        if (model != null && !Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--model " + model + ": not a directory; give a directory holding model.onnx and tokenizer.json");
        }
        ReadOptions read = new ReadOptions(layout, promptField, responseField, ReadOptions.DEFAULT_MAX_ROW_BYTES,
                maxMalformed);
        Path cache = noCache ? null : (cacheDir != null ? cacheDir : ScanConfig.defaultCacheDir());
        return new ScanConfig(paths, read, threshold, model, cache, rules, seed, threads, suppressions, baseline);
    }

    private DatasetFormat parseLayout(String text) {
        for (DatasetFormat f : DatasetFormat.values()) {
            if (f.id().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--input-format: unknown layout '" + text
                + "' (expected auto, chat, alpaca, sharegpt, pair, csv or prompt-only)");
    }

    private Set<OutputFormat> chosenFormats() {
        if (!formats.isEmpty()) {
            if (destination != null && destination.file != null && formats.size() > 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--output takes one format; use --output-dir for several");
            }
            return EnumSet.copyOf(formats);
        }
        if (destination == null) {
            return EnumSet.of(OutputFormat.text);
        }
        if (destination.file != null) {
            return EnumSet.of(fromExtension(destination.file));
        }
        return EnumSet.of(OutputFormat.json, OutputFormat.text);
    }

    /** The format a file name asks for; json when the extension says nothing. */
    static OutputFormat fromExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return OutputFormat.text;
        } else if (name.endsWith(".sarif")) {
            return OutputFormat.sarif;
        } else if (name.endsWith(".xml")) {
            return OutputFormat.junit;
        } else if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return OutputFormat.markdown;
        } else if (name.endsWith(".html") || name.endsWith(".htm")) {
            return OutputFormat.html;
        }
        return OutputFormat.json;
    }

    private static byte[] render(Report report, PolicyResult policy, OutputFormat format) {
        if (format == OutputFormat.text) {
            return text(report, policy).getBytes(StandardCharsets.UTF_8);
        }
        return ReportWriters.render(report, policy, format.name(), Path.of("").toAbsolutePath());
    }

    /** The terminal summary of the report as the policy left it, plus what the policy took out. */
    static String text(Report report, PolicyResult policy) {
        String summary = TextSummary.toText(policy.applyTo(report));
        if (policy.suppressed().isEmpty() && policy.baselined().isEmpty()) {
            return summary;
        }
        StringBuilder b = new StringBuilder(summary);
        for (PolicyResult.Suppressed s : policy.suppressed()) {
            b.append("suppressed: ").append(s.finding().id()).append(" (").append(s.finding().severity().id())
                    .append(") by ").append(s.entry().label()).append(": ").append(s.entry().reason()).append('\n');
        }
        if (!policy.baselined().isEmpty()) {
            b.append("in the baseline, not reported again: ").append(String.join(", ", policy.baselined()))
                    .append('\n');
        }
        return b.toString();
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new AuguryException("cannot write the report to " + file + ": " + e.getMessage()
                    + ". Choose a writable --output path.", e);
        }
    }
}
