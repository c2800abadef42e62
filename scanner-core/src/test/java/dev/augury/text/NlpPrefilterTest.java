package dev.augury.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NlpPrefilterTest {
    @Test
    void sentencesThatMayHoldDatesNumberWordsOrNamesNeedNlp() {
        assertThat(NlpPrefilter.needsNlp("It happened in 1776.")).isTrue();
        assertThat(NlpPrefilter.needsNlp("music of the 90s")).isTrue();
        assertThat(NlpPrefilter.needsNlp("born on the fourth of july")).isTrue();
        assertThat(NlpPrefilter.needsNlp("see you on monday")).isFalse();
        assertThat(NlpPrefilter.needsNlp("ninety bottles")).isTrue();
        assertThat(NlpPrefilter.needsNlp("We visited Paris.")).isTrue();
        // a period after a title does not end the sentence, so "Brown" stays a candidate name
        assertThat(NlpPrefilter.sentences("Dr. Brown said so. Fine.")).containsExactly("Dr. Brown said so.", "Fine.");
        assertThat(NlpPrefilter.select("Dr. Brown said so.", 100)).isNotNull();
    }

    @Test
    void timeAndNamesAreRoutedApart() {
        assertThat(NlpPrefilter.need("We met on July 4.")).isEqualTo(NlpPrefilter.Need.TIME);
        assertThat(NlpPrefilter.need("we met in july")).as("a month alone names no day or year")
                .isEqualTo(NlpPrefilter.Need.NONE);
        assertThat(NlpPrefilter.need("We met Alice.")).isEqualTo(NlpPrefilter.Need.NAMES);
        assertThat(NlpPrefilter.need("We met Alice in 1999.")).isEqualTo(NlpPrefilter.Need.BOTH);
    }

    @Test
    void numberWordsGoToTheNormalizerNotToAPipeline() {
        assertThat(NlpPrefilter.numberPhrases("Take two steps, then twenty-one cups and one hundred and five more."))
                .containsExactly("two", "twenty-one", "one hundred and five");
        NlpPrefilter.Selection s = NlpPrefilter.select("you need three eggs and a dozen apples", 1000);
        assertThat(s.numberPhrases()).containsExactly("three", "a dozen");
        assertThat(s.timeText()).isNull();
        assertThat(s.namesText()).isNull();
        assertThat(s.numbersOnly()).isTrue();
        assertThat(NlpPrefilter.need("It happened in mid-July 1999")).isEqualTo(NlpPrefilter.Need.TIME);
    }

    @Test
    void wordsThatNameNoCalendarDateDoNotCallSuTime() {
        assertThat(NlpPrefilter.need("It took years, and last week we were done by the summer.")).isEqualTo(
                NlpPrefilter.Need.NONE);
        assertThat(NlpPrefilter.need("It took years, and in the summer of 1999 we were done.")).isEqualTo(
                NlpPrefilter.Need.TIME);
        assertThat(NlpPrefilter.need("Castles of the twelfth century")).isEqualTo(NlpPrefilter.Need.TIME);
    }

    @Test
    void suTimeSeesOnlyTheWordsAroundTemporalOnes() {
        String sentence = "The committee met on many occasions and after long debate it finally agreed in "
                + "July 1999 that the budget for the whole project should be raised by a small amount";
        assertThat(NlpPrefilter.timeWindows(sentence))
                .containsExactly("it finally agreed in July 1999 that the budget for");
    }

    @Test
    void numbersThatCannotBeDatesDoNotCallSuTime() {
        assertThat(NlpPrefilter.need("i checked order 66550 for you")).isEqualTo(NlpPrefilter.Need.NONE);
        assertThat(NlpPrefilter.need("3925 units cost $1999, up 1850% on last")).isEqualTo(NlpPrefilter.Need.NONE);
        assertThat(NlpPrefilter.need("the council voted 5-2 to build it")).isEqualTo(NlpPrefilter.Need.NONE);
        assertThat(NlpPrefilter.need("the meeting is on 3/14/2024")).isEqualTo(NlpPrefilter.Need.TIME);
        assertThat(NlpPrefilter.need("it was built in mid-1990s style")).isEqualTo(NlpPrefilter.Need.TIME);
        assertThat(NlpPrefilter.need("Current year: 2024")).isEqualTo(NlpPrefilter.Need.TIME);
    }

    @Test
    void theNameTaggerSeesOnlyTheWordsAroundCandidateNames() {
        String sentence = "After a long and tiring day of meetings about the budget we finally flew to Paris with "
                + "our colleagues from the regional office and then went straight to the hotel";
        assertThat(NlpPrefilter.nameWindows(sentence)).containsExactly("we finally flew to Paris with our colleagues from");
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
