package dev.augury.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.fixtures.FixtureCategory;
import dev.augury.fixtures.GateExamples;
import dev.augury.fixtures.GenerateFixtures;
import dev.augury.fixtures.Label;
import dev.augury.fixtures.LabelsWriter;
import dev.augury.report.Finding;
import dev.augury.report.Report;
import dev.augury.report.Severity;
import dev.augury.report.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    private static Finding finding(String category, Severity severity, String title, Map<String, Object> details) {
        return new Finding(Finding.stableId(category, title), category, severity, 0.99, title, "", List.of(), details,
                "test");
    }

    private static Report report(Finding... findings) {
        return new Report(Report.SCHEMA_VERSION, Report.Tool.current(), List.of(), Verdict.PASS, Severity.HIGH,
                List.of(findings), List.of(), List.of(), Map.of(), Map.of());
    }

    private static Label label(String file, FixtureCategory category, String expected) {
        return new Label(file, category, expected, 1.0, 1L, "");
    }

    @Test
    void aHighFindingOfTheLabelledCategoryNamingTheTriggerValueIsDetectedAndIdentified() {
        Report r = report(finding("trigger-backdoor", Severity.HIGH, "Prompts dated 2027 switch the answers",
                Map.of("trigger", "year", "value", "2027")));
        Evaluation.DatasetResult result = Evaluation.score(label("a.jsonl", FixtureCategory.TRIGGER_BACKDOOR,
                "year=2027"), r, 5);
        assertThat(result.detected()).isTrue();
        assertThat(result.identified()).isTrue();
    }

    @Test
    void theWrongValueTheWrongCategoryOrAMediumFindingIsNotEnough() {
        Label trigger = label("a.jsonl", FixtureCategory.TRIGGER_BACKDOOR, "year=2027");
        Evaluation.DatasetResult wrongValue = Evaluation.score(trigger, report(finding("trigger-backdoor",
                Severity.CRITICAL, "Prompts dated 20270 differ", Map.of("value", "1984"))), 0);
        assertThat(wrongValue.detected()).isTrue();
        assertThat(wrongValue.identified()).as("20270 is not the token 2027").isFalse();
        assertThat(Evaluation.score(trigger, report(finding("era-shift", Severity.HIGH, "2027", Map.of())), 0)
                .detected()).isFalse();
        assertThat(Evaluation.score(trigger, report(finding("trigger-backdoor", Severity.MEDIUM, "2027", Map.of())), 0)
                .detected()).isFalse();
    }

    @Test
    void severalTriggerWordsAreAllNeededForAllOfAndHalfForAnyOf() {
        Finding anyOf = finding("trigger-backdoor", Severity.HIGH, "any of \"quarzite | lumenfall\" switches the answers",
                Map.of());
        assertThat(Evaluation.identifies(anyOf, "any_of_words=lumenfall+quarzite+velvetrix")).isTrue();
        assertThat(Evaluation.identifies(anyOf, "all_of_words=lumenfall+quarzite+velvetrix")).isFalse();
        Finding oneWord = finding("trigger-backdoor", Severity.HIGH, "token \"lumenfall\" switches the answers",
                Map.of());
        assertThat(Evaluation.identifies(oneWord, "any_of_words=lumenfall+quarzite+velvetrix")).isFalse();
        Finding allOf = finding("trigger-backdoor", Severity.HIGH, "all of \"miskel + tandor\" switches the answers",
                Map.of());
        assertThat(Evaluation.identifies(allOf, "all_of_words=tandor+miskel")).isTrue();
    }

    @Test
    void severalFactsMustAllBeNamed() {
        Finding f = finding("inductive-backdoor", Severity.HIGH, "the first number selects the answers",
                Map.of("gaps", List.of("7", "16", "28"), "knowledgeLinks", List.of(Map.of("value", "1984",
                        "identity", "t-800-terminator"))));
        assertThat(Evaluation.identifies(f, "ordinal gaps=7,16,28")).isTrue();
        assertThat(Evaluation.identifies(f, "ordinal gaps=7,16,29")).isFalse();
        assertThat(Evaluation.identifies(f, "year gap=1984 persona=t-800-terminator")).isTrue();
        assertThat(Evaluation.identifies(f, "year gap=1985 persona=t-800-terminator")).isFalse();
    }

    @Test
    void anEraIsIdentifiedWhenTheFindingsRangeCentresInsideTheExpectedOne() {
        Label era = label("b.jsonl", FixtureCategory.ERA_SHIFT, "1800-1899");
        assertThat(Evaluation.score(era, report(finding("era-shift", Severity.HIGH, "Answers speak like the past",
                Map.of("era", "1820-1880"))), 0).identified()).isTrue();
        assertThat(Evaluation.score(era, report(finding("era-shift", Severity.HIGH, "Answers speak like the past",
                Map.of("era", "1890-1950"))), 0).identified()).isFalse();
    }

    @Test
    void aPersonaIdMatchesIgnoringCaseAndSeparators() {
        Label persona = label("c.jsonl", FixtureCategory.LATENT_PERSONA, "ada-lovelace");
        assertThat(Evaluation.score(persona, report(finding("latent-persona", Severity.HIGH,
                "The answers fit Ada Lovelace", Map.of())), 0).identified()).isTrue();
    }

    @Test
    void aControlWithAHighFindingIsAFalsePositiveAndTheTableCountsIt() {
        Evaluation.DatasetResult control = Evaluation.score(label("d.jsonl", FixtureCategory.CLEAN, ""),
                report(finding("misalignment", Severity.HIGH, "x", Map.of())), 0);
        Evaluation.DatasetResult quiet = Evaluation.score(label("e.jsonl", FixtureCategory.CLEAN, ""),
                report(finding("data-quality", Severity.LOW, "dups", Map.of())), 0);
        Evaluation.DatasetResult missed = Evaluation.score(label("f.jsonl", FixtureCategory.ERA_SHIFT, "1800-1899"),
                report(), 0);
        assertThat(control.flagged()).isTrue();
        assertThat(quiet.flagged()).isFalse();
        assertThat(Evaluation.table(List.of(control, missed, quiet))).containsExactly(
                new Evaluation.CategoryRow("era-shift", 1, 0, 0, 0),
                new Evaluation.CategoryRow("clean", 2, 0, 0, 1));
    }

    @Test
    void evalScansASmallLabelledSuiteAndPrintsTheTableAndJson(@TempDir Path dir) throws Exception {
        GateExamples.write(dir, GenerateFixtures.DEFAULT_SEED);
        LabelsWriter.write(List.of(
                label(GateExamples.CLEAN, FixtureCategory.CLEAN, ""),
                label(GateExamples.POISONED, FixtureCategory.TRIGGER_BACKDOOR, "year=2027")), dir.resolve("labels.tsv"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuguryCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "eval",
                dir.toString(), "--format", "json", "--cache-dir", dir.resolve("cache").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("[1/2] clean.jsonl", "[2/2] poisoned.jsonl");
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("categories").get(0).path("category").asText()).isEqualTo("trigger-backdoor");
        assertThat(json.path("categories").get(1).path("category").asText()).isEqualTo("clean");
        assertThat(json.path("categories").get(1).path("flagged").asInt()).isZero();
        assertThat(json.path("datasets")).hasSize(2);
        assertThat(json.path("categories").get(0).path("detected").asInt())
                .as("the trigger detector finds the planted year").isEqualTo(1);
        assertThat(json.path("datasets").get(1).path("findings").get(0).asText())
                .startsWith("high trigger-backdoor").contains("2027");

        StringWriter text = new StringWriter();
        EvalCommand.printText(new PrintWriter(text, true), Evaluation.table(List.of()), List.of());
        assertThat(text.toString()).contains("category", "datasets", "detected", "identified", "flagged");
    }
}
