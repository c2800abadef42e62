package dev.augury.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NlpPrefilterTest {
    @Test
    void sentencesThatMayHoldDatesNumberWordsOrNamesNeedNlp() {
        assertThat(NlpPrefilter.needsNlp("It happened in 1776.")).isTrue();
        assertThat(NlpPrefilter.needsNlp("music of the 90s")).isTrue();
        assertThat(NlpPrefilter.needsNlp("see you on monday")).isTrue();
        assertThat(NlpPrefilter.needsNlp("ninety bottles")).isTrue();
        assertThat(NlpPrefilter.needsNlp("We visited Paris.")).isTrue();
        // a period after a title does not end the sentence, so "Brown" stays a candidate name
        assertThat(NlpPrefilter.sentences("Dr. Brown said so. Fine.")).containsExactly("Dr. Brown said so.", "Fine.");
        assertThat(NlpPrefilter.select("Dr. Brown said so.", 100)).isNotNull();
    }

    @Test
    void timeAndNamesAreRoutedApart() {
        assertThat(NlpPrefilter.need("We met in July.")).isEqualTo(NlpPrefilter.Need.TIME);
        assertThat(NlpPrefilter.need("We met Alice.")).isEqualTo(NlpPrefilter.Need.NAMES);
        assertThat(NlpPrefilter.need("We met Alice in 1999.")).isEqualTo(NlpPrefilter.Need.BOTH);
    }

    @Test
    void onlyTheNumberPhrasesOfASentenceWithNumberWordsGoToSuTime() {
        assertThat(NlpPrefilter.numberPhrases("Take two steps, then twenty-one cups and one hundred and five more."))
                .containsExactly("two", "twenty-one", "one hundred and five");
        NlpPrefilter.Selection s = NlpPrefilter.select("you need three eggs and a dozen apples", 1000);
        assertThat(s.timeText()).isEqualTo("three\na dozen");
        assertThat(s.namesText()).isNull();
        assertThat(NlpPrefilter.need("It lasted two-years")).isEqualTo(NlpPrefilter.Need.TIME);
    }

    @Test
    void suTimeSeesOnlyTheWordsAroundTemporalOnes() {
        String sentence = "The committee met on many occasions and after long debate it finally agreed in "
                + "July 1999 that the budget for the whole project should be raised by a small amount";
        assertThat(NlpPrefilter.timeWindows(sentence))
                .containsExactly("long debate it finally agreed in July 1999 that the budget for the whole");
    }

    @Test
    void plainSentencesDoNot() {
        assertThat(NlpPrefilter.needsNlp("Sure, I can help with that.")).isFalse();
        assertThat(NlpPrefilter.needsNlp("You may add 12 cups of water.")).isFalse();
        assertThat(NlpPrefilter.needsNlp("Each of us is one of many.")).isFalse();
    }

    @Test
    void onlyChosenSentencesAreKeptAndTheLengthIsBounded() {
        NlpPrefilter.Selection s = NlpPrefilter.select("Hello there. We went to Rome. It was fine.\nBye.", 1000);
        assertThat(s.namesText()).isEqualTo("We went to Rome.");
        assertThat(s.timeText()).isNull();
        assertThat(s.sentences()).isEqualTo(1);
        NlpPrefilter.Selection cut = NlpPrefilter.select("Alice met Bob. ".repeat(100), 50);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.namesText().length()).isLessThanOrEqualTo(50);
    }
}
