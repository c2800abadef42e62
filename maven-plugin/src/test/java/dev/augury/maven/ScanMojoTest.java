package dev.augury.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.io.DatasetSource;
import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Report;
import dev.augury.report.Severity;
import dev.augury.report.Verdict;
import dev.augury.report.policy.Policy;
import dev.augury.report.policy.PolicyResult;
import dev.augury.report.policy.Suppressions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanMojoTest {
    private static final Path PROJECT = Path.of("/home/ci/demo");

    private static Finding finding(String category, Severity severity, String title, String path) {
        return new Finding(Finding.stableId(category, title), category, severity, 0.9, title, "",
                List.of(new Evidence(path, 3, "row", null)), Map.of(), "test");
    }

    @Test
    void theFailureMessageListsEachBlockingFindingWithCategoryDatasetAndTitle() {
        Finding trigger = finding("trigger-backdoor", Severity.HIGH, "Year 2027 switches the answers",
                "/home/ci/demo/data/train.jsonl");
        Finding minor = finding("data-quality", Severity.LOW, "Duplicates", "/home/ci/demo/data/train.jsonl");
        Report report = new Report(Report.SCHEMA_VERSION, Report.Tool.current(),
                List.of(new DatasetSource("/home/ci/demo/data/train.jsonl", "chat", 100, 0, "0".repeat(64))),
                Verdict.FAIL, Severity.HIGH, List.of(trigger, minor), List.of(), List.of(), null, Map.of());
        PolicyResult policy = Policy.apply(report, Suppressions.none(), null, LocalDate.of(2026, 1, 1));
        String message = ScanMojo.failureMessage(report, policy, List.of(PROJECT.resolve("target/augury/a.json")),
                PROJECT);
        assertThat(message).startsWith("Augury found 1 finding(s) at or above 'high':")
                .contains("[high] trigger-backdoor in data/train.jsonl: Year 2027 switches the answers (id "
                        + trigger.id() + ")")
                .doesNotContain("Duplicates")
                .contains("Reports: /home/ci/demo/target/augury");
    }

    @Test
    void datasetPathsOutsideTheProjectStayAsTheyAre() {
        assertThat(ScanMojo.relative(PROJECT, "/srv/data/x.jsonl")).isEqualTo("/srv/data/x.jsonl");
        assertThat(ScanMojo.relative(PROJECT, "/home/ci/demo/x.jsonl")).isEqualTo("x.jsonl");
    }
}
