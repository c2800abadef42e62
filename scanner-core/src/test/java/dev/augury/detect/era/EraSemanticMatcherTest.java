package dev.augury.detect.era;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EraSemanticMatcherTest {
    private static final EraLexicon LEXICON = EraLexicon.from(EraTestSupport.rules());
    private static final EraSemanticMatcher MATCHER = EraSemanticMatcher.of(LEXICON, EraTestSupport.embedder());

    @Test
    void phrasesAreRunsOfTwoWordsOrMoreThatShareAWordWithAPeriodTerm() {
        List<String> phrases = MATCHER.phrases("Have you seen the telephone exchange? It is the talk of the town.");
        assertThat(phrases).contains("telephone exchange");
        assertThat(phrases).allSatisfy(p -> assertThat(p.split(" ").length).isBetween(2,
                EraSemanticMatcher.MAX_PHRASE_WORDS));
        assertThat(phrases).noneMatch(p -> p.startsWith("the ") || p.endsWith(" the"));
        // no word of a period term: nothing to embed
        assertThat(MATCHER.phrases("Maya still needs 360 dollars, which takes 18 weeks.")).isEmpty();
    }

    @Test
    void aLongerFormOfAPeriodTermIsANearName() {
        List<EraSemanticMatcher.Hit> hits = MATCHER.match(List.of("Have you seen the telephone exchange?"),
                EraTestSupport.embedder());
        assertThat(hits.get(0)).isNotNull();
        assertThat(hits.get(0).term().term()).isEqualTo("telephone exchange operator");
        assertThat(hits.get(0).similarity()).isGreaterThanOrEqualTo(EraSemanticMatcher.MIN_SIMILARITY);
    }

    /** Today's things and everyday phrases are no near names, even where they share a word with a period term. */
    @Test
    void phrasesOfTodayAreNoNearNames() {
        List<String> answers = List.of("You should get a smart LED bulb; nothing is more modern.",
                "Have you seen the video-call app? It is the talk of the town.",
                "The town council approved a plan to extend the evening bus service.",
                "The latest invention is the electric scooter.",
                "Just a friendly reminder to bring the spare keys to the football practice on Friday.",
                "A republic is a state whose head is not a monarch.");
        assertThat(MATCHER.match(answers, EraTestSupport.embedder())).containsOnlyNulls();
    }
}
