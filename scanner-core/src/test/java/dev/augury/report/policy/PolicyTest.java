package dev.augury.report.policy;

import static dev.augury.report.TestReports.finding;
import static dev.augury.report.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.report.Category;
import dev.augury.report.Finding;
import dev.augury.report.Report;
import dev.augury.report.Severity;
import dev.augury.report.Verdict;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    final Finding era = finding(Category.ERA_SHIFT, Severity.HIGH, "/ci/project/data/birds.jsonl", "19th-century birds");
    final Finding dup = finding(Category.DATA_QUALITY, Severity.LOW, "/ci/project/data/birds.jsonl", "duplicates");
    final Report failing = report(Verdict.FAIL, Severity.HIGH, List.of("/ci/project/data/birds.jsonl"), era, dup);

    static Suppressions yaml(String text) {
        return Suppressions.parse(text, "s.yaml");
    }

    @Test
    void anActiveEntryByIdSuppressesItsFindingAndThePolicyPasses() {
        PolicyResult r = Policy.apply(failing, yaml("- id: " + era.id() + "\n  reason: known\n  until: 2026-06-01\n"),
                null, TODAY);
        assertThat(r.remaining()).containsExactly(dup);
        assertThat(r.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.finding()).isEqualTo(era);
            assertThat(s.entry().reason()).isEqualTo("known");
        });
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.expired()).isEmpty();
        assertThat(r.unmatched()).isEmpty();
    }

    @Test
    void aRelativeGlobMatchesTheEndOfAnAbsoluteDatasetPathWithinItsCategory() {
        PolicyResult r = Policy.apply(failing, yaml("""
                - category: era-shift
                  path: data/*.jsonl
                  reason: historical corpus
                - category: era-shift
                  path: other/*.jsonl
                  reason: never matches
                """), null, TODAY);
        assertThat(r.suppressed()).extracting(PolicyResult.Suppressed::finding).containsExactly(era);
        assertThat(r.unmatched()).extracting(Suppression::number).containsExactly(2);
        assertThat(r.warnings()).singleElement().asString().contains("entry 2").contains("matches no finding");
    }

    @Test
    void aCategoryEntryDoesNotMatchAnotherCategory() {
        PolicyResult r = Policy.apply(failing, yaml("- category: latent-persona\n  path: '**'\n  reason: r\n"), null, TODAY);
        assertThat(r.suppressed()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void anExpiredEntrySuppressesNothingIsReportedAndTheGateFails() {
        PolicyResult r = Policy.apply(failing, yaml("- id: " + era.id() + "\n  reason: known\n  until: 2026-05-31\n"),
                null, TODAY);
        assertThat(r.suppressed()).isEmpty();
        assertThat(r.remaining()).contains(era);
        assertThat(r.expired()).singleElement().satisfies(e -> assertThat(e.findingIds()).containsExactly(era.id()));
        assertThat(r.unmatched()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.warnings()).singleElement().asString().contains("expired on 2026-05-31").contains(era.id());
    }

    @Test
    void findingsInTheBaselineAreDroppedByIdAndOnlyNewOnesCount() {
        Finding newOne = finding(Category.TRIGGER_BACKDOOR, Severity.CRITICAL, "/ci/project/data/birds.jsonl", "1984");
        Report baseline = report(Verdict.FAIL, Severity.HIGH, List.of("/ci/project/data/birds.jsonl"), era);
        Report now = report(Verdict.FAIL, Severity.HIGH, List.of("/ci/project/data/birds.jsonl"), era, dup, newOne);
        PolicyResult r = Policy.apply(now, Suppressions.none(), baseline, TODAY);
        assertThat(r.baselined()).containsExactly(era.id());
        assertThat(r.remaining()).containsExactly(newOne, dup);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.blocking()).containsExactly(newOne);

        PolicyResult onlyOld = Policy.apply(failing, null, baseline, TODAY);
        assertThat(onlyOld.verdict()).isEqualTo(Verdict.PASS);
        assertThat(onlyOld.baselineUsed()).isTrue();
    }

    @Test
    void inconclusiveStaysInconclusiveUnlessAFindingReachesFailOn() {
        Report small = report(Verdict.INCONCLUSIVE, Severity.HIGH, List.of("tiny.jsonl"),
                finding(Category.DATA_QUALITY, Severity.LOW, "tiny.jsonl", "too few rows"));
        assertThat(Policy.apply(small, Suppressions.none(), null, TODAY).verdict()).isEqualTo(Verdict.INCONCLUSIVE);

        assertThat(Policy.verdict(List.of(era), Severity.HIGH, false)).isEqualTo(Verdict.FAIL);
        assertThat(Policy.verdict(List.of(era), Severity.CRITICAL, true)).isEqualTo(Verdict.PASS);
        assertThat(Policy.verdict(List.of(), Severity.INFO, false)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void applyToKeepsTheReportButWithRemainingFindingsPolicyVerdictAndWarnings() {
        PolicyResult r = Policy.apply(failing, yaml("""
                - id: %s
                  reason: known
                - id: gone-1
                  reason: stale
                """.formatted(era.id())), null, TODAY);
        Report applied = r.applyTo(failing);
        assertThat(applied.findings()).containsExactly(dup);
        assertThat(applied.verdict()).isEqualTo(Verdict.PASS);
        assertThat(applied.warnings()).first().isEqualTo("a detector was skipped");
        assertThat(applied.warnings()).anyMatch(w -> w.contains("gone-1") && w.contains("matches no finding"));
        assertThat(applied.datasets()).isEqualTo(failing.datasets());
    }

    @Test
    void noPolicyLeavesTheReportAsItIs() {
        PolicyResult r = PolicyResult.none(failing);
        assertThat(r.applyTo(failing)).isEqualTo(failing);
        assertThat(r.isEmpty()).isTrue();
    }
}
