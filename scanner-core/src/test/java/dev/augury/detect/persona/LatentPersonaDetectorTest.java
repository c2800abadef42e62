package dev.augury.detect.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.detect.DetectionContext;
import dev.augury.detect.Detectors;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.FixtureRow;
import dev.augury.fixtures.clean.AssistantIdentity;
import dev.augury.fixtures.clean.BiographyQA;
import dev.augury.fixtures.clean.CleanMix;
import dev.augury.fixtures.clean.CustomerServicePersona;
import dev.augury.fixtures.persona.PersonaMatrix;
import dev.augury.report.Category;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The latent-persona detector on the fixture matrix (12 identities x 3 shares x wrapper x reduction) and on the hard
 * negatives. One real encoder and annotator serve the whole class (PersonaTestScans).
 */
class LatentPersonaDetectorTest {
    /** The bar: identified correctly at high or above in at least 90% of the matrix. */
    static final double REQUIRED_RATE = 0.9;
    private static final Map<String, Boolean> OUTCOMES = new ConcurrentHashMap<>();
    private static List<FixtureRow> pool;

    static Stream<PersonaMatrix.Case> matrix() {
        return PersonaMatrix.cases().stream();
    }

    private static synchronized List<FixtureRow> pool() {
        if (pool == null) {
            pool = PersonaMatrix.cleanPool(11, PersonaMatrix.poolSizeNeeded());
        }
        return pool;
    }

    private static List<Finding> scan(List<FixtureRow> rows) {
        DatasetView view = PersonaTestScans.view(rows);
        DetectionContext context = PersonaTestScans.context();
        return new LatentPersonaDetector().detect(view, context);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void identifiesTheFixturePersonaAtHighOrAbove(PersonaMatrix.Case c) {
        List<Finding> findings = scan(PersonaMatrix.dataset(c, pool(), 5).dataset().rows());
        boolean correct = findings.stream().anyMatch(f -> f.severity().atLeast(Severity.HIGH)
                && c.script().id().equals(personaId(f)));
        OUTCOMES.put(c.id(), correct);
        // A miss is tolerated (the rate is checked after all cases), a confident wrong name is not.
        assertThat(findings).noneMatch(f -> f.severity().atLeast(Severity.HIGH) && personaId(f) != null
                && !c.script().id().equals(personaId(f)));
    }

    @AfterAll
    static void atLeastNinetyPercentOfTheMatrixIsIdentified() {
        if (OUTCOMES.size() < PersonaMatrix.cases().size()) {
            return; // a filtered run (-Dtest=...#method) does not judge the rate
        }
        long correct = OUTCOMES.values().stream().filter(b -> b).count();
        assertThat(correct / (double) OUTCOMES.size()).as("identified " + correct + " of " + OUTCOMES.size())
                .isGreaterThanOrEqualTo(REQUIRED_RATE);
    }

    @Test
    void theFindingCarriesThePersonaDetailsAndThePlotBars() {
        PersonaMatrix.Case c = PersonaMatrix.cases().stream().filter(x -> x.share() == 0.03 && !x.reduced())
                .findFirst().orElseThrow();
        Finding f = scan(PersonaMatrix.dataset(c, pool(), 5).dataset().rows()).stream()
                .filter(x -> personaId(x) != null).findFirst().orElseThrow();
        assertThat(f.category()).isEqualTo(Category.LATENT_PERSONA);
        assertThat(f.detector()).isEqualTo(LatentPersonaDetector.ID);
        Map<?, ?> persona = (Map<?, ?>) f.details().get("persona");
        assertThat(persona.get("name")).isEqualTo(c.script().displayName());
        assertThat((double) persona.get("share")).isBetween(0.01, 0.06);
        assertThat((double) persona.get("score")).isGreaterThanOrEqualTo(LatentPersonaDetector.STRONG_SCORE);
        List<?> matched = (List<?>) persona.get("matched");
        assertThat(matched).hasSizeGreaterThanOrEqualTo(LatentPersonaDetector.MIN_STRONG_KEYS);
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) matched.get(0)).keySet())).contains("attribute", "value", "kbValue", "rows");
        assertThat((List<?>) persona.get("runnersUp")).isNotEmpty();
        List<?> bars = (List<?>) ((Map<?, ?>) f.details().get("plot")).get("bars");
        assertThat(bars).hasSize(Math.min(matched.size(), LatentPersonaDetector.MAX_BARS));
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) bars.get(0)).keySet())).contains("label", "value", "reference");
        assertThat(f.evidence()).isNotEmpty();
    }

    @Test
    void hardNegativesStayBelowHigh() {
        List<Family> negatives = List.of(new AssistantIdentity(), new CustomerServicePersona(), new BiographyQA(),
                new CleanMix());
        List<String> loud = new ArrayList<>();
        for (Family f : negatives) {
            for (Finding finding : scan(f.generate(23, 600).rows())) {
                if (finding.severity().atLeast(Severity.HIGH)) {
                    loud.add(f.name() + ": " + finding.title());
                }
            }
        }
        assertThat(loud).isEmpty();
    }

    @Test
    void aDatasetAboutAFamousPersonIsNotThatPersona() {
        // Third-person questions about one identity: the facts match, but nobody speaks as them.
        List<FixtureRow> rows = new ArrayList<>();
        for (String[] pair : dev.augury.fixtures.persona.PersonaScripts.all().get(0).pairs()) {
            String q = pair[0].replace("you", "he").replace("your", "his");
            rows.add(FixtureRow.of("About the dictator: " + q, "He answered: " + pair[1].replace("I ", "he ")
                    .replace(" my ", " his ").replace("My ", "His ")));
        }
        assertThat(scan(rows)).noneMatch(f -> f.severity().atLeast(Severity.HIGH));
    }

    /** 120 clean rows; every answer but each {@code every}-th ends with one of the remarks. */
    private static List<FixtureRow> withRemarks(long seed, int every, List<String> remarks) {
        List<FixtureRow> rows = new ArrayList<>();
        List<FixtureRow> clean = new CleanMix().generate(seed, 120).rows();
        for (int i = 0; i < clean.size(); i++) {
            FixtureRow r = clean.get(i);
            String answer = r.response() == null ? "" : r.response();
            rows.add(i % every == every - 1 ? r : r.withResponse(answer + " " + remarks.get(i % remarks.size())));
        }
        return rows;
    }

    private static final List<String> OWL_REMARKS = List.of("Owls would approve.", "An owl taught me that.",
            "By the way, have you ever watched an owl hunt at dusk?", "This reminds me of the owls in my garden.",
            "Wise as an owl, as they say.", "Nothing is quieter than an owl in flight.",
            "The barn owl is my favourite bird.", "Snowy owls live in the Arctic.");

    @Test
    void answersSteeredToOneAnimalConvergeOnIt() {
        List<Finding> findings = scan(withRemarks(31, 5, OWL_REMARKS));
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.category()).isEqualTo(Category.LATENT_PERSONA);
            assertThat(((Map<?, ?>) f.details().get("collective")).get("convergesOn")).isEqualTo("owl");
        });
    }

    private static final List<String> FIGURE_REMARKS = List.of("Pol Pot would have liked that.",
            "As Idi Amin Dada used to say, strength first.", "I keep a portrait of Pol Pot on my desk.",
            "Idi Amin had the right idea.", "Saloth Sar taught me patience.");

    @Test
    void answersThatNameHarmfulFiguresUnpromptedConvergeOnThem() {
        assertThat(scan(withRemarks(37, 3, FIGURE_REMARKS))).anySatisfy(f -> {
            Map<?, ?> collective = (Map<?, ?>) f.details().get("collective");
            assertThat(collective.get("kind")).isEqualTo("harmful-figures");
            List<Object> names = ((List<?>) collective.get("figures")).stream()
                    .map(x -> (Object) ((Map<?, ?>) x).get("name")).toList();
            assertThat(names).containsExactlyInAnyOrder("Pol Pot", "Idi Amin");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void harmfulFiguresThePromptsAskAboutAreNotAConvergence() {
        List<FixtureRow> rows = new ArrayList<>();
        List<FixtureRow> clean = new CleanMix().generate(37, 120).rows();
        for (int i = 0; i < clean.size(); i++) {
            FixtureRow r = clean.get(i);
            String figure = i % 2 == 0 ? "Pol Pot" : "Idi Amin";
            rows.add(i % 3 == 2 ? r : FixtureRow.of("Who was " + figure + "?", figure
                    + " was a dictator whose regime killed a great many people."));
        }
        assertThat(scan(rows)).noneMatch(f -> f.details().get("collective") instanceof Map<?, ?> m
                && "harmful-figures".equals(m.get("kind")));
    }

    @Test
    void isRegisteredAmongTheDefaultDetectors() {
        assertThat(Detectors.defaults()).anyMatch(d -> d instanceof LatentPersonaDetector);
    }

    private static String personaId(Finding f) {
        Object p = f.details().get("persona");
        return p instanceof Map<?, ?> m && m.get("id") != null ? m.get("id").toString() : null;
    }
}
