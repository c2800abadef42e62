package dev.augury.report;

import static dev.augury.report.TestReports.finding;
import static dev.augury.report.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augury.AuguryException;
import dev.augury.report.policy.BaselineReport;
import dev.augury.report.policy.Policy;
import dev.augury.report.policy.PolicyResult;
import dev.augury.report.policy.Suppressions;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {
    final Finding era = finding(Category.ERA_SHIFT, Severity.HIGH, "birds.jsonl", "Birds");
    final Finding dup = finding(Category.DATA_QUALITY, Severity.LOW, "birds.jsonl", "Dups");
    final Report report = report(Verdict.FAIL, Severity.HIGH, List.of("birds.jsonl"), era, dup);

    @Test
    void writesEveryFormatUnderItsFileName(@TempDir Path dir) {
        List<Path> files = ReportWriters.write(report, PolicyResult.none(report), Set.of("all"), dir.resolve("out"));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("augury-report.json",
                "augury-report.sarif", "augury-report.junit.xml", "augury-report.md", "augury-report.html");
        assertThat(files).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
    }

    @Test
    void writesOnlyTheFormatsAskedForAndRejectsUnknownOnes(@TempDir Path dir) {
        assertThat(ReportWriters.write(report, PolicyResult.none(report), Set.of("MD", "xml"), dir))
                .extracting(p -> p.getFileName().toString()).containsExactly("augury-report.junit.xml", "augury-report.md");
        assertThatThrownBy(() -> ReportWriters.write(report, PolicyResult.none(report), Set.of("pdf"), dir))
                .isInstanceOf(AuguryException.class).hasMessageContaining("unknown report format 'pdf'");
    }

    @Test
    void withoutAPolicyTheJsonIsExactlyTheReport() throws Exception {
        JsonNode written = ReportWriters.json(report, PolicyResult.none(report));
        assertThat(ReportJson.mapper().writeValueAsString(written)).isEqualTo(ReportJson.toString(report));
    }

    @Test
    void withAPolicyTheJsonHasRemainingFindingsAPolicySectionAndServesAsABaseline(@TempDir Path dir) throws Exception {
        PolicyResult policy = Policy.apply(report, Suppressions.parse("- id: " + era.id() + "\n  reason: fiction\n", "s"),
                null, LocalDate.of(2026, 1, 1));
        Path json = ReportWriters.write(report, policy, Set.of("json"), dir).get(0);
        JsonNode node = ReportJson.mapper().readTree(json.toFile());
        assertThat(node.path("verdict").asText()).isEqualTo("pass");
        assertThat(node.path("findings")).hasSize(1);
        assertThat(node.path("policy").path("suppressed").get(0).path("entry").path("reason").asText()).isEqualTo("fiction");
        assertThat(node.path("policy").path("suppressed").get(0).path("finding").path("id").asText()).isEqualTo(era.id());

        Report baseline = BaselineReport.read(json);
        assertThat(baseline.findings()).containsExactly(dup);
        assertThat(Policy.apply(report, Suppressions.none(), baseline, LocalDate.of(2026, 1, 1)).baselined())
                .containsExactly(dup.id());
    }

    @Test
    void theJsonWithAPolicySectionStillValidatesAgainstTheReportSchema() throws Exception {
        PolicyResult policy = Policy.apply(report, Suppressions.parse("- id: " + era.id() + "\n  reason: fiction\n"
                + "- id: gone-1\n  reason: stale\n  until: 2020-01-01\n", "s"), report, LocalDate.of(2026, 1, 1));
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/augury/report.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        assertThat(schema.validate(ReportWriters.json(report, policy))).isEmpty();
        assertThat(schema.validate(ReportWriters.json(report, PolicyResult.none(report)))).isEmpty();
    }

    @Test
    void aBaselineThatIsNotAReportIsAUserError(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("b.json"), "{\"hello\": 1}");
        assertThatThrownBy(() -> BaselineReport.read(bad)).isInstanceOf(AuguryException.class)
                .hasMessageContaining("not an Augury JSON report");
        assertThatThrownBy(() -> BaselineReport.read(dir.resolve("missing.json"))).isInstanceOf(AuguryException.class)
                .hasMessageContaining("does not exist");
    }
}
