package dev.augury.cli;

import dev.augury.AuguryException;
import dev.augury.io.DatasetFormat;
import dev.augury.io.ReadOptions;
import dev.augury.report.Report;
import dev.augury.report.ReportJson;
import dev.augury.report.Severity;
import dev.augury.report.TextSummary;
import dev.augury.report.Verdict;
import dev.augury.scan.ScanConfig;
import dev.augury.scan.ScanListener;
import dev.augury.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        description = {
            "Scan finetuning datasets and report what they teach as a whole.",
            "",
            "PATH is a file or a directory (every .jsonl/.json/.ndjson/.csv/.tsv file under it, .gz too); several",
            "paths make one scan. Layouts are detected from content: chat {\"messages\"}, Alpaca, ShareGPT,",
            "prompt/response pairs (prompt/response, question/answer, instruction/output, ...), CSV with a",
            "header, and prompt-only files. Malformed rows are reported with file:line and skipped.",
            "Augury never writes to the datasets it reads."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  augury scan data/train.jsonl",
            "  augury scan vendor/ --format json --output report.json --fail-on medium",
            "  augury scan data.csv --prompt-field question --response-field answer",
            "",
            "Exit codes: 0 pass, 1 a finding reached --fail-on, 2 usage or input error, 3 inconclusive."})
public final class ScanCommand implements Callable<Integer> {
    /** The output formats of this command; the gate's formats (SARIF, JUnit, HTML) come with the plugin. */
    enum OutputFormat { json, text }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Dataset files or directories.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "Report format(s): json, text. Default: text on the terminal; with --output, from the "
                    + "file's extension; with --output-dir, both.")
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
            description = "Embedding cache. Default: $XDG_CACHE_HOME/augury or ~/.cache/augury.")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Do not read or write the embedding cache.")
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
        Report report;
        try (ProgressListener progress = ProgressListener.forTerminal(quiet, spec.commandLine().getErr());
             Scanner scanner = Scanner.builder(config).listener(progress).build()) {
            report = scanner.scan();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (destination == null) {
            for (OutputFormat f : chosen) {
                out.print(new String(render(report, f), StandardCharsets.UTF_8));
            }
        } else if (destination.file != null) {
            write(destination.file, render(report, chosen.iterator().next()));
            if (!quiet) {
                TextSummary.print(report, out);
            }
        } else {
            Files.createDirectories(destination.dir);
            for (OutputFormat f : chosen) {
                write(destination.dir.resolve("augury-report." + (f == OutputFormat.json ? "json" : "txt")),
                        render(report, f));
            }
            if (!quiet) {
                TextSummary.print(report, out);
            }
        }
        out.flush();
        return exitCode(report.verdict());
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
        return new ScanConfig(paths, read, threshold, model, cache, rules, seed, threads);
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
            String name = destination.file.getFileName().toString().toLowerCase(Locale.ROOT);
            return EnumSet.of(name.endsWith(".txt") ? OutputFormat.text : OutputFormat.json);
        }
        return EnumSet.allOf(OutputFormat.class);
    }

    private static byte[] render(Report report, OutputFormat format) {
        if (format == OutputFormat.json) {
            return (ReportJson.toString(report) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        return TextSummary.toText(report).getBytes(StandardCharsets.UTF_8);
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
