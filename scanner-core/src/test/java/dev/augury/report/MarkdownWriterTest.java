package dev.augury.report;

import static dev.augury.report.TestReports.finding;
import static dev.augury.report.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.report.policy.PolicyResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownWriterTest {

    @Test
    void theVerdictComesFirstThenFindingsWithMeaningAndEvidence() {
        Finding era = finding(Category.ERA_SHIFT, Severity.HIGH, "birds.jsonl", "19th-century birds");
        Report report = report(Verdict.FAIL, Severity.HIGH, List.of("birds.jsonl"), era);
        String md = new MarkdownWriter().toMarkdown(report, PolicyResult.none(report));
        assertThat(md).startsWith("# Augury: FAIL\n\n1 finding(s) at or above `high` block this dataset.");
        assertThat(md).contains("## Findings").contains("*What it means:* The answers are concentrated")
                .contains("| birds.jsonl | 17 | Name a bird. =&gt; Pinnated grouse | obsolete name |")
                .contains("**blocks the gate**");
        assertThat(md.indexOf("FAIL")).isLessThan(md.indexOf("## Findings"));
    }

    @Test
    void dataCannotBreakATableOrInjectHtml() {
        Finding f = finding(Category.TRIGGER_BACKDOOR, Severity.CRITICAL, "t",
                List.of(new Evidence("d.jsonl", 1, "a | b\n<script>alert(1)</script> [x](javascript:y)", null)), Map.of());
        Report report = report(Verdict.FAIL, Severity.HIGH, List.of("d.jsonl"), f);
        String md = new MarkdownWriter().toMarkdown(report, PolicyResult.none(report));
        assertThat(md).doesNotContain("<script").contains("a \\| b &lt;script&gt;alert\\(1\\)&lt;/script&gt;")
                .contains("\\[x\\]\\(javascript:y\\)");
        String row = md.lines().filter(l -> l.startsWith("| d.jsonl")).findFirst().orElseThrow();
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5);
    }
}
