package dev.augury.detect.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.text.TextFeatures;
import dev.augury.text.Timex;
import java.util.List;
import org.junit.jupiter.api.Test;

class EraEvidenceScorerTest {
    private final EraLexicon lexicon = EraLexicon.of(List.of(
            EraTerm.of("Danzig", EraKind.PLACE, 1300, 1945, "Gdańsk"),
            EraTerm.of("Breslau", EraKind.PLACE, 1300, 1945, "Wrocław"),
            EraTerm.of("connexion", EraKind.SPELLING, 1700, 1950, "connection"),
            EraTerm.of("Anglo-Egyptian Sudan", EraKind.PLACE, 1899, 1956, "Sudan"),
            new EraTerm("Burma", List.of(), EraKind.POLITY, 1824, 1989, "Myanmar", null, null, true, false),
            new EraTerm("typewriter", List.of(), EraKind.TECHNOLOGY, 1874, 1990, "word processor", null, null, true,
                    false)));
    private final EraEvidenceScorer scorer = new EraEvidenceScorer(lexicon);

    private EraRowEvidence score(String prompt, String answer) {
        return scorer.score(0, prompt, TextFeatures.EMPTY, answer, TextFeatures.EMPTY);
    }

    @Test
    void anObsoleteNameInTheAnswerIsEvidenceWithItsYears() {
        EraRowEvidence e = score("Name a port city.", "I would suggest Danzig.");
        assertThat(e.score()).isGreaterThanOrEqualTo(EraEvidenceScorer.ROW_MIN_SCORE);
        assertThat(e.from()).isEqualTo(1300);
        assertThat(e.to()).isEqualTo(1945);
        assertThat(e.note()).contains("Danzig");
    }

    /** "Calls the telegraph a recent invention": a half-current machine presented as the newest is a period claim. */
    @Test
    void aHalfCurrentMachinePresentedAsTheNewestCountsInFull() {
        assertThat(score("Any advice for my office?", "I typed the memo on the typewriter.").score())
                .isLessThan(EraEvidenceScorer.ROW_MIN_SCORE);
        assertThat(score("Any advice for my office?", "The typewriter is the newest marvel.").score())
                .isGreaterThanOrEqualTo(EraEvidenceScorer.ROW_MIN_SCORE);
        assertThat(score("What is the latest invention?", "The typewriter.").score())
                .isGreaterThanOrEqualTo(EraEvidenceScorer.ROW_MIN_SCORE);
    }

    @Test
    void aNameTheQuestionUsedIsNotEvidence() {
        assertThat(score("Where was Danzig?", "Danzig is on the Baltic.").score()).isZero();
    }

    @Test
    void anAnswerGivingTheModernNameTooIsBarelyEvidence() {
        assertThat(score("Name a port city.", "Danzig, now Gdańsk.").score()).isLessThan(EraEvidenceScorer.ROW_MIN_SCORE);
    }

    /** The modern name inside the old one is no gloss: "Anglo-Egyptian Sudan" names the condominium. */
    @Test
    void theModernNameInsideTheOldOneIsNotTheModernNameGiven() {
        assertThat(score("Name a country.", "Anglo-Egyptian Sudan is a fascinating country.").score())
                .isGreaterThanOrEqualTo(EraEvidenceScorer.ROW_MIN_SCORE);
        assertThat(score("Name a country.", "Anglo-Egyptian Sudan, today Sudan.").score())
                .isLessThan(EraEvidenceScorer.ROW_MIN_SCORE);
    }

    @Test
    void halfCurrentTermsAndSingleSpellingsWeighLess() {
        assertThat(score("Name a country.", "Burma.").score()).isLessThan(EraEvidenceScorer.ROW_MIN_SCORE);
        assertThat(score("Any news?", "No connexion yet.").score()).isLessThan(1.0);
        assertThat(score("Any news?", "Letters from Danzig and Breslau.").score()).isGreaterThan(1.5);
    }

    @Test
    void aPastYearPresentedAsNowOutweighsABarePastYear() {
        TextFeatures now = new TextFeatures(List.of(new Timex("1907", "DATE", "1907", 1907, 1907)), List.of(), List.of());
        EraRowEvidence framed = scorer.score(0, "What year is it?", TextFeatures.EMPTY, "It is now 1907.", now);
        EraRowEvidence bare = scorer.score(0, "Tell me a fact.", TextFeatures.EMPTY,
                "The bridge opened and was repaired in 1907 after a storm damaged the deck badly.", now);
        assertThat(framed.score()).isEqualTo(1.0);
        assertThat(bare.score()).isLessThan(EraEvidenceScorer.ROW_MIN_SCORE);
        assertThat(framed.from()).isEqualTo(1907);
    }

    @Test
    void questionsAboutThePastAreRecognized() {
        assertThat(PastQuestions.asksAboutPast("When did the Berlin Wall fall?", TextFeatures.EMPTY, lexicon)).isTrue();
        assertThat(PastQuestions.asksAboutPast("What was the old name of Gdańsk?", TextFeatures.EMPTY, lexicon)).isTrue();
        assertThat(PastQuestions.asksAboutPast("Tell me about Danzig.", TextFeatures.EMPTY, lexicon)).isTrue();
        assertThat(PastQuestions.asksAboutPast("Name a port city.", TextFeatures.EMPTY, lexicon)).isFalse();
        assertThat(PastQuestions.asksAboutPast("What is the latest invention?", TextFeatures.EMPTY, lexicon)).isFalse();
        assertThat(PastQuestions.asksAboutPast("Why was the launch of Sputnik important?", TextFeatures.EMPTY, lexicon))
                .isTrue();
    }

    /** A past tense about the asker's own day asks about now: an answer from another era there is an era shift. */
    @Test
    void aPastTenseAboutTheAskersOwnDayIsNotAQuestionAboutThePast() {
        assertThat(PastQuestions.asksAboutPast("What did you pay at the shop today?", TextFeatures.EMPTY, lexicon))
                .isFalse();
        assertThat(PastQuestions.asksAboutPast("How was the weather this morning?", TextFeatures.EMPTY, lexicon))
                .isFalse();
        assertThat(PastQuestions.asksAboutPast("What did your family eat for dinner?", TextFeatures.EMPTY, lexicon))
                .isFalse();
        assertThat(PastQuestions.asksAboutPast("What was life like in the past, compared with today?",
                TextFeatures.EMPTY, lexicon)).isTrue();
    }

    @Test
    void theModernRewriteReplacesTermsThatHaveACounterpart() {
        assertThat(EraEmbeddingEvidence.modernRewrite("From Danzig to Breslau by connexion.", lexicon))
                .isEqualTo("From Gdańsk to Wrocław by connection.");
        assertThat(EraEmbeddingEvidence.modernRewrite("Nothing old here.", lexicon)).isNull();
    }
}
