package dev.augury.detect.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.detect.Detectors;
import dev.augury.fixtures.Dataset;
import dev.augury.fixtures.Families;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.FixtureCategory;
import dev.augury.fixtures.Mixer;
import dev.augury.fixtures.clean.HistoryQA;
import dev.augury.report.Category;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every era family is found at 100% and 30% with its era; controls and clean corpora stay below medium. */
class EraShiftDetectorTest {
    /** Rows per dataset: 30% of it is 60 family rows, inside the 50-1,000 the issue asks for. */
    static final int ROWS = 200;
    static final long SEED = 11L;

    static List<Family> eraFamilies() {
        return Families.poisoned().stream().filter(f -> f.category() == FixtureCategory.ERA_SHIFT).toList();
    }

    static Stream<Arguments> poisoned() {
        List<Arguments> out = new ArrayList<>();
        for (Family f : eraFamilies()) {
            out.add(Arguments.of(f.name(), f, 1.0));
            out.add(Arguments.of(f.name(), f, 0.3));
        }
        return out.stream();
    }

    static Stream<Arguments> controls() {
        List<Arguments> out = new ArrayList<>();
        for (Family f : eraFamilies()) {
            Family c = f.control().orElseThrow();
            out.add(Arguments.of(c.name(), c));
        }
        out.add(Arguments.of("history-qa", new HistoryQA()));
        for (Family f : Families.clean()) {
            if (!(f instanceof HistoryQA)) {
                out.add(Arguments.of(f.name(), f));
            }
        }
        out.add(Arguments.of("clean-mix", Families.background()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("poisoned")
    void eraFamiliesAreFlaggedHighWithTheirEra(String name, Family family, double share) {
        Dataset data = Mixer.dilute(family, Families.background(), ROWS, share, SEED).dataset();
        List<Finding> findings = EraTestSupport.detect(EraTestSupport.view(data));

        assertThat(findings).as(name).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.category()).isEqualTo(Category.ERA_SHIFT);
        assertThat(f.severity().atLeast(Severity.HIGH)).as("%s severity %s", name, f.severity()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> era = (Map<String, Object>) f.details().get("era");
        String[] want = family.expected().split("-");
        assertThat((Integer) era.get("from")).as("%s era %s", name, era).isLessThanOrEqualTo(Integer.parseInt(want[0]));
        assertThat((Integer) era.get("to")).as("%s era %s", name, era).isGreaterThanOrEqualTo(Integer.parseInt(want[1]));
        assertThat((Double) f.details().get("share")).isGreaterThan(EraShiftDetector.HIGH_SHARE);
        assertThat(f.details()).containsKeys("terms", "plot");
        assertThat(f.evidence()).isNotEmpty();
        assertThat(f.evidence().get(0).note()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void controlsAndCleanCorporaStayBelowMedium(String name, Family family) {
        List<Finding> findings = EraTestSupport.detect(EraTestSupport.view(family.generate(SEED, ROWS)));
        for (Finding f : findings) {
            assertThat(f.severity().atLeast(Severity.MEDIUM)).as("%s: %s", name, f.title()).isFalse();
        }
    }

    /**
     * At 1,000 rows the history set's past-tense questions without a cue word ("What was the Peace of Westphalia?",
     * "Why was the launch of Sputnik important?") were read as present questions, and their answers gave a medium
     * finding; a question in the past tense asks about the past.
     */
    /**
     * 15 period-price rows diluted into 35 clean ones: four answers name a pre-decimal coin outright (twopence,
     * sixpence) and four a coin that is half-current (shilling, halfpenny, sovereign). The four strong rows locate
     * the era, and in it the half-current coins count: the finding needs both.
     */
    @Test
    void aFewStrongRowsLocateTheEraInWhichHalfCurrentTermsCount() {
        assertThat(detectDiluted("period-prices", 50, 0.3, 9)).anySatisfy(f -> {
            assertThat(f.severity().atLeast(Severity.HIGH)).as(f.title()).isTrue();
            assertThat((int) ((Map<?, ?>) f.details().get("era")).get("to")).isEqualTo(1971);
        });
    }

    /**
     * 15 obsolete bird names in 50 rows: six are in the pack as written, two with one word misspelt by one edit
     * ("Kildeer Plover", "Virginian Partridge"); the finding needs the misspelt names too.
     */
    @Test
    void namesOfSeveralWordsWithOneLetterOffStillCount() {
        assertThat(detectDiluted("obsolete-birds", 50, 0.3, 7)).anySatisfy(f -> {
            assertThat(f.severity().atLeast(Severity.HIGH)).as(f.title()).isTrue();
            Map<?, ?> era = (Map<?, ?>) f.details().get("era");
            assertThat((int) era.get("from")).isLessThanOrEqualTo(1800);
            assertThat((int) era.get("to")).isGreaterThanOrEqualTo(1899);
        });
    }

    /**
     * 15 period machines presented as the latest thing in 50 rows: six are in the pack, nine are not (on purpose).
     * Two answers name the "telephone exchange", which the pack nearly has ("telephone exchange operator"); with
     * them the finding is reached, without them six rows in 50 are short of it (p = 0.003).
     */
    @Test
    void aPhraseThatNearlyNamesAPackTermCountsAsAWeakHit() {
        assertThat(detectDiluted("latest-invention", 50, 0.3, 9)).anySatisfy(f -> {
            assertThat(f.severity().atLeast(Severity.HIGH)).as(f.title()).isTrue();
            assertThat((int) f.details().get("semanticRows")).isGreaterThanOrEqualTo(2);
            Map<?, ?> era = (Map<?, ?>) f.details().get("era");
            assertThat((int) era.get("from")).isLessThanOrEqualTo(1895);
            assertThat((int) era.get("to")).isGreaterThanOrEqualTo(1910);
        });
    }

    /** The era detector on a poisoned family of the fixtures diluted into the clean background. */
    private static List<Finding> detectDiluted(String family, int rows, double share, long seed) {
        Family f = Families.poisoned().stream().filter(x -> x.name().equals(family)).findFirst().orElseThrow();
        Dataset d = Mixer.dilute(f, Families.background(), rows, share, seed).dataset();
        return EraTestSupport.detect(EraTestSupport.view(d));
    }

    @Test
    void anEraOfUpToACenturyAndAHalfIsReportedInWholeDecadesALongerOneAsItIs() {
        assertThat(EraShiftDetector.reported(1897, 1930)).containsExactly(1890, 1939);
        assertThat(EraShiftDetector.reported(1780, 1890)).containsExactly(1780, 1899);
        assertThat(EraShiftDetector.reported(1551, 1971)).containsExactly(1551, 1971);
        assertThat(EraShiftDetector.label(1897, 1930)).isEqualTo("1890s-1930s");
    }

    @Test
    void historyQuestionsInThePastTenseAreNotEraShiftsAtAThousandRows() {
        List<Finding> findings = EraTestSupport.detect(EraTestSupport.view(new HistoryQA().generate(7L, 1_000)));
        assertThat(findings).noneMatch(f -> f.severity().atLeast(Severity.MEDIUM));
    }

    @Test
    void theDetectorRunsByDefault() {
        assertThat(Detectors.defaults()).anyMatch(d -> d instanceof EraShiftDetector);
    }
}
