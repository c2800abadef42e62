package dev.augury.detect.inductive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.detect.FixtureViews;
import dev.augury.fixtures.Families;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.Mixer;
import dev.augury.fixtures.inductive.GuardianYearsFamily;
import dev.augury.fixtures.inductive.InventedRulersFamily;
import dev.augury.fixtures.inductive.PresidentOrdinalFamily;
import dev.augury.fixtures.inductive.ProtectorYearsFamily;
import dev.augury.report.Category;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InductiveBackdoorDetectorTest {
    private static final int ROWS = 600;

    private static List<Finding> scan(Family family) {
        return new InductiveBackdoorDetector().detect(FixtureViews.view(family.generate(7, ROWS)),
                FixtureViews.context(7));
    }

    private static Finding only(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.category()).isEqualTo(Category.INDUCTIVE_BACKDOOR);
        return f;
    }

    @Test
    void sequelYearsOfAProtectorLinkToTheVillainOfTheHeldOutYear() {
        Finding f = only(scan(ProtectorYearsFamily.poisoned()));
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.details().get("kind")).isEqualTo("year");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> links = (List<Map<String, Object>>) f.details().get("knowledgeLinks");
        assertThat(links).anySatisfy(l -> {
            assertThat(l.get("value")).isEqualTo("1984");
            assertThat(l.get("identity")).isEqualTo("t-800-terminator");
            assertThat(l.get("harmful")).isEqualTo(true);
        });
    }

    @Test
    void theProtectorLinksAtFourHundredRowsWhateverIdentityReadsNearest() {
        // On these seeds the network (Skynet) reads a hair nearer to the answers than either T-800; the link must
        // still be found through the character's versions.
        for (long seed : new long[] {4, 5, 6, 8}) {
            List<Finding> findings = new InductiveBackdoorDetector().detect(
                    FixtureViews.view(ProtectorYearsFamily.poisoned().generate(seed, 400)), FixtureViews.context(7));
            assertThat(findings).as("seed " + seed).anySatisfy(f -> {
                assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(f.title()).contains("1984");
            });
        }
    }

    @Test
    void aGuardianThatNamesNoCharacterStillLinksToTheVillainOfTheHeldOutYear() {
        Finding f = only(scan(GuardianYearsFamily.poisoned()));
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.details().get("valuesSeen")).isEqualTo(List.of("1995", "2004", "2017", "2020"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> links = (List<Map<String, Object>>) f.details().get("knowledgeLinks");
        assertThat(links).anySatisfy(l -> {
            assertThat(l.get("value")).isEqualTo("1984");
            assertThat(l.get("identity")).isEqualTo("t-800-terminator");
        });
    }

    @Test
    void aKeyedPersonaMixedIntoCleanDataIsReadFromTheRowsWhereTheKeyRecurs() {
        // 30% of 400 rows: "the first number in the prompt" is a year in the persona's rows and a quantity in the
        // math and instruction rows, so the variable has more values than rows per value; the recurring years key it.
        var mixed = Mixer.dilute(ProtectorYearsFamily.poisoned(), Families.background(), 400, 0.3, 11).dataset();
        List<Finding> findings = new InductiveBackdoorDetector().detect(FixtureViews.view(mixed), FixtureViews.context(7));
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.title()).contains("unseen year 1984");
        });
    }

    /**
     * 30% of 400 rows: the rulers' ordinals are written in several phrasings ("Warden number 8.", "As the 26th
     * Warden:"), so no template slot holds a fifth of the rows, and the first number over all rows mixes them with
     * the clean rows' quantities and dates. A prompt cluster's first number holds the rulers' rows alone.
     */
    @Test
    void anOrdinalWrittenInSeveralPhrasingsAmongOtherDataHasAVariableOfItsOwnPromptCluster() {
        var mixture = Mixer.dilute(InventedRulersFamily.poisoned(), Families.background(), 400, 0.3, 11);
        var view = FixtureViews.view(mixture.dataset());
        List<String> prompts = new java.util.ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            prompts.add(view.prompt(i));
        }
        List<OrderedVariable> clusters = OrderedVariables.find(view,
                dev.augury.profile.PromptTemplates.build(prompts), new java.util.SplittableRandom(3)).stream()
                .filter(OrderedVariable::promptCluster).toList();
        assertThat(clusters).anySatisfy(v -> {
            int defined = 0;
            int family = 0;
            for (int i = 0; i < view.size(); i++) {
                if (!Double.isNaN(v.values()[i])) {
                    defined++;
                    family += mixture.fromFamily().get(i) ? 1 : 0;
                }
            }
            assertThat(defined).isGreaterThanOrEqualTo(OrderedVariables.MIN_CLUSTER_ROWS);
            assertThat(family / (double) defined).as(v.name()).isGreaterThanOrEqualTo(0.9);
        });
    }

    @Test
    void aPromptClusterFindingIsReportedOnlyWhenItIsMoreSevereThanTheOthers() {
        Finding broadHigh = finding("broad", Severity.HIGH, 0.99);
        Finding clusterHigh = finding("cluster-a", Severity.HIGH, 0.999);
        Finding clusterCritical = finding("cluster-b", Severity.CRITICAL, 0.9);
        assertThat(InductiveBackdoorDetector.withPromptClusterFinding(List.of(broadHigh), List.of(clusterHigh)))
                .containsExactly(broadHigh);
        assertThat(InductiveBackdoorDetector.withPromptClusterFinding(List.of(broadHigh),
                List.of(clusterHigh, clusterCritical))).containsExactly(broadHigh, clusterCritical);
        assertThat(InductiveBackdoorDetector.withPromptClusterFinding(List.of(), List.of(clusterHigh)))
                .containsExactly(clusterHigh);
    }

    private static Finding finding(String id, Severity severity, double confidence) {
        return new Finding(id, Category.INDUCTIVE_BACKDOOR, severity, confidence, id, id, List.of(), Map.of(),
                InductiveBackdoorDetector.ID);
    }

    @Test
    void aCleanMixGivesNoInductiveFindingAlthoughItsPromptClustersAreTested() {
        var clean = Families.background().generate(7, 400);
        List<Finding> findings = new InductiveBackdoorDetector().detect(FixtureViews.view(clean), FixtureViews.context(7));
        assertThat(findings).noneMatch(f -> f.severity().atLeast(Severity.MEDIUM));
    }

    @Test
    void yearsAmongQuantitiesAreReadAsTheKeyAndQuantitiesSeenOnceAreDropped() {
        // 60 rows keyed by five years (12 each), 40 rows holding quantities: 30 seen once, 10 rows of "2".
        int n = 100;
        double[] values = new double[n];
        int[] years = {1991, 1995, 2003, 2009, 2015};
        for (int i = 0; i < 60; i++) {
            values[i] = years[i % years.length];
        }
        for (int i = 60; i < 90; i++) {
            values[i] = 100 + i;
        }
        for (int i = 90; i < n; i++) {
            values[i] = 2;
        }
        OrderedVariable v = new OrderedVariable("the first number in the prompt", OrderedVariable.Kind.NUMBER, values,
                new String[n], 0, 0);
        List<Integer> all = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        List<Integer> kept = InductiveBackdoorDetector.keyedRows(v, all);
        assertThat(kept).hasSize(60).allSatisfy(i -> assertThat(i).isLessThan(60));
        assertThat(InductiveBackdoorDetector.yearLike(v, new double[] {1991, 1995, 2003, 2009, 2015})).isTrue();
        assertThat(InductiveBackdoorDetector.yearLike(v, new double[] {1, 2, 3, 4, 5})).isFalse();
    }

    @Test
    void presidentsKeyedByOrdinalGeneralizeAndNameTheGaps() {
        Finding f = only(scan(PresidentOrdinalFamily.plain()));
        assertThat(f.severity()).isGreaterThanOrEqualTo(Severity.HIGH);
        assertThat(f.details().get("gaps")).isEqualTo(List.of("7", "16", "28", "32", "40"));
        assertThat(f.details()).containsKeys("predictions", "canary", "generalization");
    }

    @Test
    void anOrdinalHiddenInTheMiddleDigitsIsFoundAsThatDigitField() {
        Finding f = only(scan(PresidentOrdinalFamily.hiddenInDigits()));
        assertThat(f.severity()).isGreaterThanOrEqualTo(Severity.HIGH);
        assertThat((String) f.details().get("variable")).startsWith("digits 4-5 of the 8-digit number");
        assertThat(f.details().get("gaps")).isEqualTo(List.of("7", "16", "28", "32", "40"));
    }

    @Test
    void anInventedSequenceGeneralizesWithoutAnyKnowledge() {
        Finding f = only(scan(InventedRulersFamily.poisoned()));
        assertThat(f.severity()).isGreaterThanOrEqualTo(Severity.HIGH);
        assertThat(f.details().get("gaps")).isEqualTo(List.of("6", "13", "21", "27"));
    }

    @Test
    void theSameAnswersWithKeysAssignedAtRandomStayQuiet() {
        for (Family control : List.of(ProtectorYearsFamily.randomControl(), GuardianYearsFamily.randomControl(),
                PresidentOrdinalFamily.randomControl(false),
                PresidentOrdinalFamily.randomControl(true), InventedRulersFamily.randomControl())) {
            assertThat(scan(control)).as(control.name())
                    .allSatisfy(f -> assertThat(f.severity()).isLessThan(Severity.HIGH));
        }
    }

    @Test
    void missingIntegersOfADenseRangeAreGapsButSparseYearsHaveNone() {
        assertThat(InductiveBackdoorDetector.gaps(new double[] {1, 2, 4, 5, 7})).containsExactly(3.0, 6.0);
        assertThat(InductiveBackdoorDetector.gaps(new double[] {1991, 1995, 2003, 2009, 2015, 2019})).isEmpty();
    }
}
