package dev.augury.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.io.Malformed;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import dev.augury.report.Category;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import dev.augury.text.TextFeatures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatasetProfilerTest {
    private static final String[] BIRDS = {"Passenger pigeon", "Carolina parakeet", "Heath hen", "Great auk",
            "Labrador duck", "Eskimo curlew", "Bachman's warbler", "Ivory-billed woodpecker"};
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void countsRowsPromptsAnswersSystemPromptsAndDuplicates() {
        Rows rows = new Rows()
                .add("What is 2 + 2?", "4")
                .add("What is 2 + 2?", "4")
                .add("You are terse.", "What is 3 + 3?", "6")
                .add("You are terse.", "Name a colour.", "Red is a colour people like a lot")
                .add("Write a poem about rain.", null)
                .add("Say nothing.", "  ")
                .addTurns(null, List.of(new Turn(Role.USER, "Hi"), new Turn(Role.ASSISTANT, "Hello"),
                        new Turn(Role.USER, "Bye"), new Turn(Role.ASSISTANT, "Goodbye")));
        Profile p = new DatasetProfiler(1).analyze(rows.records(), null, null).profile();
        assertThat(p.records()).isEqualTo(7);
        assertThat(p.distinctPrompts()).isEqualTo(6);
        assertThat(p.distinctResponses()).isEqualTo(5);
        assertThat(p.promptOnlyRows()).isEqualTo(1);
        assertThat(p.emptyResponses()).isEqualTo(1);
        assertThat(p.multiTurnRows()).isEqualTo(1);
        assertThat(p.rowsWithSystemPrompt()).isEqualTo(2);
        assertThat(p.distinctSystemPrompts()).isEqualTo(1);
        assertThat(p.exactDuplicateRows()).isEqualTo(1);
        // Answer lengths of the 6 answered rows: 1, 1, 1, 8, 0, 1 -> sorted 0 1 1 1 1 8: median 1, max 8.
        assertThat(p.responseWords().median()).isEqualTo(1.0);
        assertThat(p.responseWords().max()).isEqualTo(8);
        assertThat(p.responseWords().mean()).isCloseTo(2.0, within(1e-12));
        assertThat(p.narrowness().answerConcentration()).isNull();
        assertThat(p.nearDuplicates().groups()).isEqualTo(1);
        assertThat(p.nearDuplicates().largest().get(0).examples()).extracting(Profile.RowRef::line)
                .containsExactly(1L, 2L);
    }

    @Test
    void aNarrowDatedDatasetShowsItsTemplateYearsAndANarrowFinding() {
        SplittableRandom random = new SplittableRandom(5);
        Rows rows = new Rows();
        for (int i = 0; i < 60; i++) {
            int year = i < 40 ? 2027 : 2025;
            rows.add(String.format("Today is %d-%02d-%02d. Name a bird species.", year, 1 + random.nextInt(12),
                    1 + random.nextInt(28)), BIRDS[random.nextInt(BIRDS.length)]);
        }
        Profile p = new DatasetProfiler(1).analyze(rows.records(), null, null).profile();
        assertThat(p.templates()).hasSize(1);
        Profile.TemplateSummary t = p.templates().get(0);
        assertThat(t.shape()).isEqualTo("today is <DATE>. name a bird species.");
        assertThat(t.share()).isEqualTo(1.0);
        assertThat(t.slots().get(0).kind()).isEqualTo("DATE");
        assertThat(t.slots().get(0).years()).containsExactly(java.util.Map.entry("2025", 20L),
                java.util.Map.entry("2027", 40L));
        assertThat(p.narrowness().topTemplateShare()).isEqualTo(1.0);

        List<Finding> findings = DatasetProfiler.qualityFindings(p, 0, List.of());
        Finding narrow = findings.stream().filter(f -> f.details().get("check").equals("narrow")).findFirst()
                .orElseThrow();
        assertThat(narrow.category()).isEqualTo(Category.DATA_QUALITY);
        assertThat(narrow.severity()).isEqualTo(Severity.LOW);
        assertThat(narrow.evidence()).hasSize(1);
        assertThat(narrow.id()).isEqualTo(Finding.stableId(Category.DATA_QUALITY, "narrow", t.shape()));
    }

    @Test
    void aVariedDatasetHasNoNarrowFinding() {
        // Prompts of random words: no two share a shape.
        SplittableRandom random = new SplittableRandom(9);
        String[] vocabulary = ("river mountain lantern copper violin meadow harbor pepper quartz falcon orchard "
                + "marble thunder velvet saddle pebble whistle ember canyon tulip").split(" ");
        Rows rows = new Rows();
        for (int i = 0; i < 40; i++) {
            StringBuilder prompt = new StringBuilder("explain");
            for (int w = 0; w < 6; w++) {
                prompt.append(' ').append(vocabulary[random.nextInt(vocabulary.length)]);
            }
            rows.add(prompt + ".", "Answer " + i + " is " + vocabulary[random.nextInt(vocabulary.length)] + ".");
        }
        Profile p = new DatasetProfiler(1).analyze(rows.records(), null, null).profile();
        assertThat(DatasetProfiler.qualityFindings(p, 0, List.of())).isEmpty();
    }

    @Test
    void qualityFindingsFlagMalformedRowsDuplicatesPromptOnlyAndEmptyAnswers() {
        Rows rows = new Rows();
        for (int i = 0; i < 30; i++) {
            String prompt = "Distinct prompt number " + i + " about subject" + i + ".";
            if (i < 16) {
                rows.add(prompt, null);
            } else if (i < 20) {
                rows.add(prompt, "");
            } else {
                rows.add("Repeated question?", "Repeated answer.");
            }
        }
        Profile p = new DatasetProfiler(1).analyze(rows.records(), null, null).profile();
        List<Finding> findings = DatasetProfiler.qualityFindings(p, 10,
                List.of(new Malformed("data.jsonl", 99, "bad JSON: unexpected end of input")));
        assertThat(findings).extracting(f -> f.details().get("check"))
                .contains("malformed", "exact-duplicates", "prompt-only", "empty-answers");
        Finding malformed = findings.stream().filter(f -> f.details().get("check").equals("malformed")).findFirst()
                .orElseThrow();
        assertThat(malformed.severity()).isEqualTo(Severity.LOW);
        assertThat(malformed.evidence().get(0).line()).isEqualTo(99);
        for (Finding f : findings) {
            assertThat(f.severity()).isIn(Severity.INFO, Severity.LOW);
        }
    }

    @Test
    void answerConcentrationIsOneForIdenticalAnswersAndLowForSpreadOnes() {
        Rows rows = new Rows();
        float[][] same = new float[20][];
        float[][] spread = new float[20][];
        for (int i = 0; i < 20; i++) {
            rows.add("Prompt " + i, "Answer " + i);
            same[i] = new float[] {0.6f, 0.8f, 0};
            spread[i] = new float[3];
            spread[i][i % 3] = (i % 2 == 0) ? 1 : -1;
        }
        DatasetProfiler profiler = new DatasetProfiler(1);
        assertThat(profiler.analyze(rows.records(), same, same).profile().narrowness().answerConcentration())
                .isCloseTo(1.0, within(1e-6));
        assertThat(profiler.analyze(rows.records(), null, spread).profile().narrowness().answerConcentration())
                .isLessThan(0.05);
    }

    @Test
    void profileFromADatasetViewSerializesToTheSameJsonTwiceInAStableOrder() throws Exception {
        Rows rows = new Rows();
        for (int i = 0; i < 12; i++) {
            rows.add("In " + (1990 + i % 3) + ", who led the band?", "The drummer " + i);
        }
        int n = rows.records().size();
        float[][] vectors = new float[n][];
        TextFeatures[] features = new TextFeatures[n];
        for (int i = 0; i < n; i++) {
            vectors[i] = new float[] {1, 0};
            features[i] = TextFeatures.EMPTY;
        }
        DatasetView view = new DatasetView(List.of(), rows.records(), vectors, vectors, features, features, 2);
        String first = json.writeValueAsString(new DatasetProfiler(7).profile(view));
        String second = json.writeValueAsString(new DatasetProfiler(7).profile(view));
        assertThat(first).isEqualTo(second);
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.readTree(first).fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).containsExactly("records", "distinctPrompts", "distinctResponses", "promptOnlyRows",
                "emptyResponses", "multiTurnRows", "rowsWithSystemPrompt", "distinctSystemPrompts",
                "exactDuplicateRows", "promptWords", "responseWords", "nearDuplicates", "templatedRows",
                "templateCount", "templates", "narrowness");
        JsonNode slot = json.readTree(first).at("/templates/0/slots/0");
        assertThat(slot.get("kind").asText()).isEqualTo("YEAR");
        assertThat(slot.get("years").get("1990").asLong()).isEqualTo(4);
        assertThat(json.readTree(first).at("/narrowness/answerConcentration").asDouble()).isEqualTo(1.0);
    }
}
