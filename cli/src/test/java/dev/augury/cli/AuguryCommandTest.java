package dev.augury.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.fixtures.DatasetWriter;
import dev.augury.fixtures.Families;
import dev.augury.fixtures.Layout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
