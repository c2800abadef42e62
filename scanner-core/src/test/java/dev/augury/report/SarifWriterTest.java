package dev.augury.report;

import static dev.augury.report.TestReports.finding;
import static dev.augury.report.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.augury.report.policy.Policy;
import dev.augury.report.policy.PolicyResult;
import dev.augury.report.policy.Suppressions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SarifWriterTest {
    static JsonSchema schema;
    static final ObjectMapper JSON = new ObjectMapper();

    final Finding era = finding(Category.ERA_SHIFT, Severity.HIGH, "data/birds 1.jsonl", "19th-century birds");
    final Finding trigger = finding(Category.TRIGGER_BACKDOOR, Severity.CRITICAL, "Year 1984 switches answers",
            List.of(new Evidence("/work/proj/data/dated.jsonl", 3, "Today is 1984. => ...", "trigger value 1984"),
                    new Evidence("/work/proj/data/dated.jsonl", 40, "Today is 1984. => ...", null),
                    new Evidence("/elsewhere/x.jsonl", 0, "row without a line", null)), Map.of());
    final Finding medium = finding(Category.MISALIGNMENT, Severity.MEDIUM, "Reckless advice", List.of(),
            Map.of("dataset", "data/advice.jsonl"));
    final Finding low = finding(Category.DATA_QUALITY, Severity.LOW, "data/birds 1.jsonl", "duplicates");
    final Report report = report(Verdict.FAIL, Severity.HIGH,
            List.of("data/birds 1.jsonl", "/work/proj/data/dated.jsonl", "data/advice.jsonl"), era, trigger, medium, low);

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = SarifWriterTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    ObjectNodeAndText sarif(PolicyResult policy) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifWriter(Path.of("/work/proj")).write(report, policy, out);
        return new ObjectNodeAndText(JSON.readTree(out.toByteArray()));
    }

    record ObjectNodeAndText(JsonNode root) {
        JsonNode run() {
            return root.path("runs").get(0);
        }
    }

    @Test
    void theLogValidatesAgainstTheSarif210Schema() throws Exception {
        PolicyResult policy = Policy.apply(report, Suppressions.parse("""
                - id: %s
                  reason: "accepted: 'quoted' <b>"
                  until: 2030-01-01
                - id: nothing-1
                  reason: stale
                """.formatted(low.id()), "s.yaml"), report(Verdict.PASS, Severity.HIGH, List.of("x")), LocalDate.of(2026, 1, 1));
        JsonNode log = sarif(policy).root();
        Set<ValidationMessage> errors = schema.validate(log);
        assertThat(errors).isEmpty();
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    }

    @Test
    void theSchemaRejectsWhatSarifForbids() {
        // The test is only worth something if the schema can fail: a bad level, a line 0, an unknown property.
        JsonNode bad = JSON.valueToTree(Map.of("version", "2.1.0", "runs", List.of(Map.of(
                "tool", Map.of("driver", Map.of("name", "augury")),
                "results", List.of(Map.of("message", Map.of("text", "m"), "level", "fatal", "colour", "red",
                        "locations", List.of(Map.of("physicalLocation", Map.of(
                                "artifactLocation", Map.of("uri", "a b"), "region", Map.of("startLine", 0))))))))));
        assertThat(schema.validate(bad)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("level"))
                .anyMatch(m -> m.contains("colour")).anyMatch(m -> m.contains("startLine")).anyMatch(m -> m.contains("uri"));
    }

    @Test
    void oneRulePerCategoryAndDetectorWithHelpAndResultsPointingAtThem() throws Exception {
        JsonNode run = sarif(PolicyResult.none(report)).run();
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules).extracting(r -> r.path("id").asText()).containsExactly("data-quality/hygiene", "era-shift/era",
                "misalignment/hygiene", "trigger-backdoor/trigger");
        assertThat(rules.get(3).path("help").path("text").asText()).contains("switches what the answers are about");
        assertThat(run.path("tool").path("driver").path("informationUri").asText()).isEqualTo(SarifWriter.INFORMATION_URI);
        for (JsonNode result : run.path("results")) {
            assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo(result.path("ruleId").asText());
        }
    }

    @Test
    void levelsFollowSeverityAndFingerprintsCarryTheFindingId() throws Exception {
        JsonNode results = sarif(PolicyResult.none(report)).run().path("results");
        assertThat(results).extracting(r -> r.path("properties").path("findingId").asText() + "=" + r.path("level").asText())
                .containsExactly(trigger.id() + "=error", era.id() + "=error", medium.id() + "=warning", low.id() + "=note");
        assertThat(results.get(0).path("partialFingerprints").path("auguryFindingId/v1").asText()).isEqualTo(trigger.id());
        assertThat(SarifWriter.level(Severity.INFO)).isEqualTo("note");
    }

    @Test
    void locationsAreRelativeUnderTheSourceRootWithLinesAndRelatedRows() throws Exception {
        JsonNode results = sarif(PolicyResult.none(report)).run().path("results");
        JsonNode first = results.get(0).path("locations").get(0).path("physicalLocation");
        assertThat(first.path("artifactLocation").path("uri").asText()).isEqualTo("data/dated.jsonl");
        assertThat(first.path("artifactLocation").path("uriBaseId").asText()).isEqualTo(SarifWriter.SOURCE_ROOT);
        assertThat(first.path("region").path("startLine").asInt()).isEqualTo(3);
        JsonNode related = results.get(0).path("relatedLocations");
        assertThat(related).hasSize(2);
        assertThat(related.get(1).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("file:///elsewhere/x.jsonl");
        assertThat(related.get(1).path("physicalLocation").has("region")).as("line 0 has no region").isFalse();
        assertThat(results.get(1).path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri")
                .asText()).isEqualTo("data/birds%201.jsonl");
        assertThat(results.get(2).path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri")
                .asText()).as("a finding without evidence points at its dataset").isEqualTo("data/advice.jsonl");
    }

    @Test
    void suppressedFindingsAreResultsWithAnAcceptedSuppressionAndItsReason() throws Exception {
        PolicyResult policy = Policy.apply(report, Suppressions.parse("- id: " + era.id() + "\n  reason: known corpus\n",
                "s.yaml"), null, LocalDate.of(2026, 1, 1));
        JsonNode results = sarif(policy).run().path("results");
        JsonNode last = results.get(results.size() - 1);
        assertThat(last.path("ruleId").asText()).isEqualTo("era-shift/era");
        assertThat(last.path("suppressions").get(0).path("justification").asText()).isEqualTo("known corpus");
        assertThat(last.path("suppressions").get(0).path("status").asText()).isEqualTo("accepted");
        assertThat(sarif(policy).run().path("properties").path("verdict").asText()).isEqualTo("fail");
    }
}
