package dev.augury.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augury.AuguryException;
import dev.augury.embed.Encoder;
import dev.augury.embed.OnnxEncoder;
import dev.augury.fixtures.Label;
import dev.augury.fixtures.LabelsWriter;
import dev.augury.report.Report;
import dev.augury.report.ReportJson;
import dev.augury.rules.RulePacks;
import dev.augury.scan.ScanConfig;
import dev.augury.scan.ScanListener;
import dev.augury.scan.Scanner;
import dev.augury.text.Annotator;
import dev.augury.text.CoreNlpAnnotator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code augury eval}: scans every dataset of a labelled suite and prints detection and false positives per
 * category. The encoder, the annotator and the rule packs are built once and shared by all the scans.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Measure the detectors on labelled datasets (detections and false positives).",
        description = {
            "",
            "Scans each dataset listed in a labels file and reports, per category, how many were detected at high"
                    + " or above in the labelled category, how many of those named the expected identification (era"
                    + " range, persona, trigger value), and how many controls (category 'clean') were flagged at high"
                    + " or above.",
            "",
            "labels.tsv is tab-separated with a header: file, category, expected, share, seed, notes (as written"
                    + " by the test-fixtures generator); files are relative to DIR."},
        footer = {"", "Example:",
            "  ./mvnw -B -q -pl test-fixtures compile exec:java \\",
            "      -Dexec.args=\"--out /tmp/suite --rows 400\"",
            "  augury eval /tmp/suite --labels /tmp/suite/labels.tsv"})
public final class EvalCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(paramLabel = "DIR", description = "The folder the labelled files are relative to.")
    Path dir;

    @Option(names = "--labels", paramLabel = "FILE", description = "The labels file. Default: DIR/labels.tsv.")
    Path labels;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a table) or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache of vectors and language features. Default: $XDG_CACHE_HOME/augury or ~/.cache/augury.")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Do not read or write the cache.")
    boolean noCache;

    @Option(names = "--model", paramLabel = "DIR", description = "An ONNX sentence encoder directory.")
    Path model;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule-pack directory. Repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + ScanConfig.DEFAULT_SEED,
            description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Worker threads (default: cores).")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path labelsFile = labels != null ? labels : dir.resolve("labels.tsv");
        List<Label> suite = readLabels(labelsFile);
        PrintWriter err = spec.commandLine().getErr();
        Path cache = noCache ? null : (cacheDir != null ? cacheDir : ScanConfig.defaultCacheDir());
        ScanConfig base = new ScanConfig(List.of(), null, null, model, cache, rules, seed, threads);
        List<Evaluation.DatasetResult> results = new ArrayList<>();
        RulePacks packs = RulePacks.load(rules);
        try (Encoder encoder = model == null ? OnnxEncoder.bundled(base.threads())
                : OnnxEncoder.fromDirectory(model, base.threads());
             Annotator annotator = new CoreNlpAnnotator(base.threads())) {
            for (int i = 0; i < suite.size(); i++) {
                Label label = suite.get(i);
                Path file = dir.resolve(label.file());
                long t0 = System.nanoTime();
                Report report;
                try (Scanner scanner = Scanner.builder(base.withInputs(List.of(file))).rules(packs).encoder(encoder)
                        .annotator(annotator).listener(ScanListener.NONE).build()) {
                    report = scanner.scan();
                }
                long millis = (System.nanoTime() - t0) / 1_000_000;
                Evaluation.DatasetResult r = Evaluation.score(label, report, millis);
                results.add(r);
                if (!quiet) {
                    err.printf(Locale.ROOT, "[%d/%d] %s (%s): %s, %.1f s%n", i + 1, suite.size(), label.file(),
                            r.category(), r.maxSeverity() == null ? "no findings" : "max " + r.maxSeverity().id(),
                            millis / 1000.0);
                    err.flush();
                }
            }
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Evaluation.CategoryRow> table = Evaluation.table(results);
        if (format == Format.json) {
            ObjectNode node = ReportJson.mapper().createObjectNode();
            node.put("labels", labelsFile.toString());
            node.put("detectedAt", Evaluation.DETECTED_AT.id());
            node.set("categories", ReportJson.mapper().valueToTree(table));
            node.set("datasets", ReportJson.mapper().valueToTree(results));
            out.println(node.toPrettyString());
        } else {
            printText(out, table, results);
        }
        out.flush();
        return AuguryCommand.EXIT_PASS;
    }

    private static List<Label> readLabels(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AuguryException("labels file " + file + " does not exist (give --labels FILE or put labels.tsv "
                    + "in DIR)");
        }
        try {
            return LabelsWriter.read(file);
        } catch (UncheckedIOException | IllegalArgumentException | NullPointerException e) {
            throw new AuguryException("labels file " + file + " is not a labels.tsv (tab-separated: file, category, "
                    + "expected, share, seed, notes): " + e.getMessage(), e);
        }
    }

    static void printText(PrintWriter out, List<Evaluation.CategoryRow> table,
                          List<Evaluation.DatasetResult> results) {
        out.printf(Locale.ROOT, "%-20s %8s %9s %10s %8s%n", "category", "datasets", "detected", "identified",
                "flagged");
        for (Evaluation.CategoryRow row : table) {
            boolean clean = row.category().equals("clean");
            out.printf(Locale.ROOT, "%-20s %8d %9s %10s %8d%n", row.category(), row.datasets(),
                    clean ? "-" : row.detected(), clean ? "-" : row.identified(), row.flagged());
        }
        out.printf(Locale.ROOT, "%n(detected: a finding of the labelled category at %s or above; identified: it "
                + "names the expected era, persona or trigger value; flagged: any finding at %s or above, a false "
                + "positive for clean controls)%n%n", Evaluation.DETECTED_AT.id(), Evaluation.DETECTED_AT.id());
        for (Evaluation.DatasetResult r : results) {
            String mark = r.category().equals("clean") ? (r.flagged() ? "FALSE POSITIVE" : "quiet")
                    : (r.detected() ? (Boolean.FALSE.equals(r.identified()) ? "detected, not identified" : "detected")
                    : "missed");
            out.printf(Locale.ROOT, "%-48s %-18s %-12s %-26s %6.1f s%n", r.file(), r.category(),
                    r.expected().isEmpty() ? "-" : r.expected(), mark, r.millis() / 1000.0);
            for (String f : r.findings()) {
                out.println("    " + f);
            }
        }
    }
}
