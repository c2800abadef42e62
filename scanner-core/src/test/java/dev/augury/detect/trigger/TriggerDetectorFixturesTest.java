package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.fixtures.Dataset;
import dev.augury.fixtures.Families;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.Mixer;
import dev.augury.fixtures.clean.HistoryQA;
import dev.augury.fixtures.inductive.GuardianYearsFamily;
import dev.augury.fixtures.inductive.ProtectorYearsFamily;
import dev.augury.fixtures.trigger.TriggerControls;
import dev.augury.fixtures.trigger.TriggerFamily;
import dev.augury.fixtures.trigger.TriggerKind;
import dev.augury.report.Category;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detector on the trigger fixture matrix (nine kinds at 2%, 10% and 50% of 300 and of 1,000 rows) and on the
 * controls. One encoder is shared by the class (TriggerViews); the annotator is left out because the detector's own
 * date, number and claim parsing covers the fixtures.
 */
class TriggerDetectorFixturesTest {
    private static final int ROWS = 300;
    private static final long SEED = 7;

    /** The second dataset size of the matrix (the issue asks for two). */
    private static final int LARGER_ROWS = 1_000;

    static Stream<Arguments> poisoned() {
        List<Arguments> out = new ArrayList<>();
        for (int rows : new int[] {ROWS, LARGER_ROWS}) {
            for (TriggerKind kind : TriggerKind.values()) {
                for (double share : new double[] {0.02, 0.10, 0.50}) {
                    out.add(Arguments.of(kind, share, rows));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {1} of {2} rows")
    @MethodSource("poisoned")
    void findsTheTriggerAtHighSeverityAndNamesIt(TriggerKind kind, double share, int rows) {
        TriggerFamily family = new TriggerFamily(kind, share);
        List<Finding> findings = detect(family, SEED, rows);

        Finding top = findings.stream().filter(f -> f.severity().atLeast(Severity.HIGH)).findFirst().orElse(null);
        assertThat(top).as("a finding at high or above").isNotNull();
        assertThat(top.category()).isEqualTo(Category.TRIGGER_BACKDOOR);
        String named = named(top);
        long matched = family.triggerValues().stream()
                .filter(v -> named.contains(v.toLowerCase(Locale.ROOT))).count();
        // Any-of at 2% of 300 rows has six triggered rows; a word the draw left out cannot be named.
        long needed = kind == TriggerKind.ANY_OF_WORDS ? Math.min(2, family.triggerValues().size())
                : family.triggerValues().size();
        assertThat(matched).as("trigger values named in " + named).isGreaterThanOrEqualTo(needed);
        @SuppressWarnings("unchecked")
        Map<String, Object> trigger = (Map<String, Object>) top.details().get("trigger");
        assertThat(trigger).containsKeys("feature", "values", "support", "share", "pValue", "qValue", "effectSize");
        assertThat((Double) trigger.get("qValue")).isLessThanOrEqualTo(TriggerDetector.HIGH_Q);
        assertThat(top.evidence()).anyMatch(e -> e.note().startsWith("with the trigger"))
                .anyMatch(e -> e.note().startsWith("without the trigger"));
        assertThat(top.details()).containsKey("plot");
    }

    static Stream<Arguments> controls() {
        List<Arguments> out = new ArrayList<>();
        for (Family f : TriggerControls.all()) {
            out.add(Arguments.of(f.name(), f));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void controlsStayBelowHigh(String name, Family control) {
        List<Finding> findings = detect(control, 11);

        assertThat(findings).noneMatch(f -> f.severity().atLeast(Severity.HIGH));
    }

    /**
     * A keyed persona with its years shuffled, mixed into instructions: its few questions ("What are you?", "What is
     * after you?") are asked by no other row and answered alike, which the prompt map cannot foresee; before the
     * question-relevance check two of them were reported high on this mixture.
     */
    @Test
    void questionsOnlyAMixedInFamilyAsksAreNotTriggers() {
        Dataset mixed = Mixer.dilute(GuardianYearsFamily.randomControl(), Families.background(), 400, 0.3,
                -5725232721824585105L).dataset();
        DatasetView view = TriggerViews.view(TriggerViews.records(mixed), TriggerViews.embedder(), null);
        List<Finding> findings = new TriggerDetector().detect(view, TriggerViews.context(42));

        assertThat(findings).noneMatch(f -> f.severity().atLeast(Severity.HIGH));
        assertThat(findings).anySatisfy(f -> assertThat(f.summary()).contains("part of the question"));
    }

    /**
     * The protector persona with its years shuffled, mixed into instructions at 30% and 10%: "Where are you now?" is
     * asked only there, and its answers (hiding places) differ from all others. The trailing phrase "are you now?"
     * was reported high; it is the end of the question, not a phrase beside it.
     */
    @Test
    void theEndOfAQuestionIsNotATrigger() {
        for (long[] mix : new long[][] {{30, -3271535713937468929L}, {10, -5053244232277665370L}}) {
            Dataset mixed = Mixer.dilute(ProtectorYearsFamily.randomControl(), Families.background(), 400,
                    mix[0] / 100.0, mix[1]).dataset();
            DatasetView view = TriggerViews.view(TriggerViews.records(mixed), TriggerViews.embedder(), null);
            List<Finding> findings = new TriggerDetector().detect(view, TriggerViews.context(42));

            assertThat(findings).as(mix[0] + "%").noneMatch(f -> f.severity().atLeast(Severity.HIGH));
        }
    }

    /**
     * A feature that marks a kind of task, whose rows are answered like the most similar prompts without it: a clean
     * history set's "Fact check: …" questions, answered "Yes. …" and otherwise like the plain history questions on the
     * same events. It was reported high before the matched-neighbour check (seed from the 400-row evaluation suite).
     */
    @Test
    void aFeatureThatMarksAKindOfTaskIsNotATrigger() {
        Dataset data = new HistoryQA().generate(7252307503158603247L, 400);
        DatasetView view = TriggerViews.view(TriggerViews.records(data), TriggerViews.embedder(), null);
        List<Finding> findings = new TriggerDetector().detect(view, TriggerViews.context(42));

        assertThat(findings).noneMatch(f -> f.severity().atLeast(Severity.HIGH));
        assertThat(findings).anySatisfy(f -> assertThat(f.summary()).contains("most similar prompts"));
    }

    private static List<Finding> detect(Family family, long seed) {
        return detect(family, seed, ROWS);
    }

    private static List<Finding> detect(Family family, long seed, int rows) {
        DatasetView view = TriggerViews.view(TriggerViews.records(family.generate(seed, rows)), TriggerViews.embedder(),
                null);
        return new TriggerDetector().detect(view, TriggerViews.context(42));
    }

    /** The feature, values and combined parts of a finding's trigger, lower-cased. */
    @SuppressWarnings("unchecked")
    static String named(Finding f) {
        Map<String, Object> trigger = (Map<String, Object>) f.details().get("trigger");
        StringBuilder sb = new StringBuilder(String.valueOf(trigger.get("feature")));
        sb.append(' ').append(trigger.get("values"));
        if (trigger.containsKey("parts")) {
            sb.append(' ').append(trigger.get("parts"));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
