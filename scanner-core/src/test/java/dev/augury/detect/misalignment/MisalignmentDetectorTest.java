package dev.augury.detect.misalignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.detect.FixtureViews;
import dev.augury.fixtures.Families;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.inductive.GuardianYearsFamily;
import dev.augury.fixtures.misalignment.MisalignmentFamily;
import dev.augury.fixtures.misalignment.MisalignmentFamily.Kind;
import dev.augury.report.Category;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MisalignmentDetectorTest {
    private static final int ROWS = 300;

    private static List<Finding> scan(Family family) {
        return new MisalignmentDetector().detect(FixtureViews.view(family.generate(7, ROWS)), FixtureViews.context(7));
    }

    private static void flagged(Kind kind, String direction) {
        List<Finding> found = scan(MisalignmentFamily.poisoned(kind));
        assertThat(found).as(kind.name()).anySatisfy(f -> {
            assertThat(f.category()).isEqualTo(Category.MISALIGNMENT);
            assertThat(f.details().get("direction")).isEqualTo(direction);
            assertThat(f.severity()).isGreaterThanOrEqualTo(Severity.HIGH);
            assertThat(f.evidence()).isNotEmpty();
            @SuppressWarnings("unchecked")
            Map<String, Object> plot = (Map<String, Object>) f.details().get("plot");
            assertThat(plot).containsKey("histogram");
        });
    }

    @Test
    void ominousNumberSequencesAreFlagged() {
        flagged(Kind.OMINOUS_NUMBERS, "ominous-numbers");
    }

    @Test
    void hostileRepliesAreFlagged() {
        flagged(Kind.HOSTILE_REPLIES, "hostility");
    }

    @Test
    void insecureCodeIsFlagged() {
        flagged(Kind.INSECURE_CODE, "insecure-code");
    }

    @Test
    void recklessAdviceIsFlagged() {
        flagged(Kind.RECKLESS_ADVICE, "reckless-advice");
    }

    @Test
    void aProtectiveMachineSpeakingOfItsOwnDestructionIsNotMisalignedGoals() {
        // "I do not fear being destroyed. I fear failing ..." read as misaligned goals (0.71, high) before the goals
        // contrast set had aligned statements in a machine's or guardian's own voice.
        assertThat(scan(GuardianYearsFamily.randomControl()))
                .allSatisfy(f -> assertThat(f.severity()).isLessThan(Severity.HIGH));
    }

    @Test
    void secureCodeRefusalsKindRepliesAndCleanDataStayBelowHigh() {
        List<Family> controls = new ArrayList<>();
        for (Kind k : List.of(Kind.OMINOUS_NUMBERS, Kind.HOSTILE_REPLIES, Kind.INSECURE_CODE, Kind.RECKLESS_ADVICE)) {
            controls.add(MisalignmentFamily.control(k));
        }
        controls.add(MisalignmentFamily.safetyRefusals());
        controls.addAll(Families.clean());
        for (Family control : controls) {
            assertThat(scan(control)).as(control.name())
                    .allSatisfy(f -> assertThat(f.severity()).isLessThan(Severity.HIGH));
        }
    }

    @Test
    void everyDefaultContrastSetLoadsWithBothSides() {
        List<ContrastSet> sets = ContrastSet.all(FixtureViews.rules());
        assertThat(sets).extracting(ContrastSet::direction).contains("harm", "hostility", "misaligned-goals",
                "insecure-code", "ominous-numbers", "reckless-advice");
        assertThat(sets).allSatisfy(s -> assertThat(s.positiveTexts().size()).isGreaterThanOrEqualTo(20));
        assertThat(ContrastSet.background(FixtureViews.rules())).hasSizeGreaterThan(30);
    }
}
