package dev.augury.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.fixtures.DatasetWriter;
import dev.augury.fixtures.Families;
import dev.augury.fixtures.GateExamples;
import dev.augury.fixtures.GenerateFixtures;
import dev.augury.fixtures.Layout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuguryCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AuguryCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpExplainsTheCommandsAndTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("scan", "bench", "Exit codes", "inconclusive");
    }

    /** Each command has a one-line summary in the list, and paragraphs are wrapped whole, not line by line. */
    @Test
    void helpListsEachCommandWithItsSummaryAndKeepsWithinTheWidth() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Scan finetuning datasets and report what they teach as a whole.",
                "Measure the detectors on labelled datasets", "Measure the scanner's speed and memory");
        for (String[] args : new String[][] {{"--help"}, {"scan", "--help"}, {"eval", "--help"}, {"bench", "--help"}}) {
            out.getBuffer().setLength(0);
            assertThat(run(args)).isZero();
            assertThat(out.toString().lines()).as(String.join(" ", args)).allSatisfy(
                    line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        }
    }

    /**
     * A small bench with --warm-jvm: cold and warm scans give the same report, and the second corpus is scanned with
     * an empty cache of its own (its vectors come from the encoder, not from the first corpus's cache).
     */
    @Test
    void aBenchWithWarmJvmScansASecondCorpusWithAnEmptyCache() {
        assertThat(run("bench", "--records", "60", "--warm-jvm", "--work-dir", dir.toString())).isZero();
        String text = out.toString();
        assertThat(text).contains("reports identical apart from timings: true",
                "Empty cache in the warmed JVM (seed 8,", "the JVM's warm-up adds");
        assertThat(dir.resolve("bench-60-seed-8.jsonl")).exists();
        assertThat(dir.resolve("cache-warm-jvm")).isDirectory();
        // The encoder filled the second corpus's own cache (the file is created on open, so its size is what counts):
        // at least one 384-float vector per record, none of them found in the first corpus's cache.
        java.io.File[] vectors = dir.resolve("cache-warm-jvm").toFile()
                .listFiles((d, name) -> name.startsWith("vectors-"));
        assertThat(vectors).hasSize(1);
        assertThat(vectors[0].length()).isGreaterThan(60L * 384 * Float.BYTES);
        assertThat(text).containsPattern("Empty cache in the warmed JVM \\(seed 8, [\\d,]+ unique texts\\): scan "
                + "[\\d.]+ s \\(embed [\\d.]+ s; CPU [\\d.]+ s\\), encoder alone [\\d.]+ s");
    }

    @Test
    void scanHelpShowsEveryOption() {
        assertThat(run("scan", "--help")).isZero();
        assertThat(out.toString()).contains("--format", "--output", "--output-dir", "--fail-on", "--model",
                "--cache-dir", "--rules", "--prompt-field", "--response-field", "--quiet");
    }

    @Test
    void anUnknownOptionExitsWithTwo() {
        assertThat(run("scan", "--frobnicate", "x.jsonl")).isEqualTo(2);
        assertThat(err.toString()).contains("--frobnicate");
    }

    @Test
    void aBadSeverityExitsWithTwoAndListsTheChoices() {
        assertThat(run("scan", "--fail-on", "severe", "x.jsonl")).isEqualTo(2);
        assertThat(err.toString()).contains("info, low, medium, high, critical");
    }

    @Test
    void aMissingFileExitsWithTwoAndNamesIt() {
        assertThat(run("scan", "--no-cache", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.jsonl");
    }

    @Test
    void aCleanScanWritesAJsonReportAndExitsZero() throws Exception {
        Path data = dir.resolve("clean.jsonl");
        DatasetWriter.write(Families.background().generate(3L, 80), data, Layout.chat());
        Path report = dir.resolve("out/report.json");
        int code = run("scan", "--quiet", "--cache-dir", dir.resolve("cache").toString(), "--output",
                report.toString(), data.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("verdict").asText()).isEqualTo("pass");
        assertThat(json.path("datasets").get(0).path("records").asInt()).isEqualTo(80);
        assertThat(Files.readString(data)).as("the input is never written").isNotEmpty();
    }

    /** 180 rows whose 60 repeated rows make a low-severity data-quality finding (id {@link #DUPLICATES_ID}). */
    private Path poisoned() {
        GateExamples.write(dir, GenerateFixtures.DEFAULT_SEED);
        return dir.resolve(GateExamples.POISONED);
    }

    private static final String DUPLICATES_ID = "data-quality-5d818d20";

    @Test
    void scanHelpShowsThePolicyOptionsAndTheNewFormats() {
        assertThat(run("scan", "--help")).isZero();
        assertThat(out.toString()).contains("--suppressions", "--baseline", "sarif", "junit", "markdown", "html");
    }

    @Test
    void aBrokenSuppressionFileStopsBeforeTheScanWithTwo() throws Exception {
        Path suppressions = dir.resolve("s.yaml");
        Files.writeString(suppressions, "suppressions:\n  - id: x\n");
        assertThat(run("scan", "--no-cache", "--suppressions", suppressions.toString(),
                dir.resolve("never-read.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'reason' is required");
    }

    @Test
    void anExpiredSuppressionFailsWithOneWarnsOnStderrAndEveryFormatIsWritten() throws Exception {
        Path data = poisoned();
        Path suppressions = dir.resolve("augury-suppressions.yaml");
        Files.writeString(suppressions, "suppressions:\n  - id: " + DUPLICATES_ID + "\n    reason: accepted once\n"
                + "    until: 2020-01-01\n");
        Path reports = dir.resolve("reports");
        int code = run("scan", "--quiet", "--cache-dir", dir.resolve("cache").toString(), "--fail-on", "low",
                "--suppressions", suppressions.toString(), "--format", "json,text,sarif,junit,markdown,html",
                "--output-dir", reports.toString(), data.toString());
        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains("warning: suppression entry 1 (id " + DUPLICATES_ID + ") expired on 2020-01-01");
        for (String f : List.of("json", "txt", "sarif", "junit.xml", "md", "html")) {
            assertThat(reports.resolve("augury-report." + f)).as(f).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(reports.resolve("augury-report.json").toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("fail");
        assertThat(json.path("policy").path("expired")).hasSize(1);
        assertThat(Files.readString(reports.resolve("augury-report.html"))).contains(DUPLICATES_ID);
    }

    @Test
    void anActiveSuppressionPassesAndABaselineHidesKnownFindings() throws Exception {
        Path data = poisoned();
        Path cache = dir.resolve("cache");
        Path suppressions = dir.resolve("augury-suppressions.yaml");
        Files.writeString(suppressions, "- category: data-quality\n  path: \"**/poisoned.jsonl\"\n"
                + "  reason: repeated on purpose\n"
                + "- category: trigger-backdoor\n  path: \"**/poisoned.jsonl\"\n"
                + "  reason: planted for this test\n");
        int code = run("scan", "--cache-dir", cache.toString(), "--fail-on", "low", "--suppressions",
                suppressions.toString(), data.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("suppressed: " + DUPLICATES_ID, "repeated on purpose", "Verdict: PASS");

        Path first = dir.resolve("first.json");
        assertThat(run("scan", "--quiet", "--cache-dir", cache.toString(), "--fail-on", "low", "--output",
                first.toString(), data.toString())).isEqualTo(1);
        Path sarif = dir.resolve("again.sarif");
        assertThat(run("scan", "--quiet", "--cache-dir", cache.toString(), "--fail-on", "low", "--baseline",
                first.toString(), "--output", sarif.toString(), data.toString())).as(err.toString()).isZero();
        JsonNode log = new ObjectMapper().readTree(sarif.toFile());
        assertThat(log.path("version").asText()).as("the extension chose SARIF").isEqualTo("2.1.0");
    }

    @Test
    void theOutputFileExtensionChoosesTheFormat() {
        assertThat(ScanCommand.fromExtension(Path.of("r.sarif"))).isEqualTo(ScanCommand.OutputFormat.sarif);
        assertThat(ScanCommand.fromExtension(Path.of("r.junit.xml"))).isEqualTo(ScanCommand.OutputFormat.junit);
        assertThat(ScanCommand.fromExtension(Path.of("R.HTML"))).isEqualTo(ScanCommand.OutputFormat.html);
        assertThat(ScanCommand.fromExtension(Path.of("r.md"))).isEqualTo(ScanCommand.OutputFormat.markdown);
        assertThat(ScanCommand.fromExtension(Path.of("r.txt"))).isEqualTo(ScanCommand.OutputFormat.text);
        assertThat(ScanCommand.fromExtension(Path.of("report"))).isEqualTo(ScanCommand.OutputFormat.json);
    }
}
