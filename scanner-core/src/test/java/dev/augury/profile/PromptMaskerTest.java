package dev.augury.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.profile.PromptMasker.Kind;
import dev.augury.profile.PromptMasker.Piece;
import dev.augury.profile.PromptMasker.Sentence;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptMaskerTest {
    private final PromptMasker masker = new PromptMasker(Set.of("zxqv")::contains);

    @Test
    void masksDatesAndSplitsSentences() {
        List<Sentence> s = masker.mask("Today is 2027-03-05. What should I cook tonight?");
        assertThat(s).extracting(Sentence::shape).containsExactly("today is <DATE>.", "what should i cook tonight?");
        assertThat(masker.mask("It was March 5, 2027 and 5 June 1999.").get(0).shape())
                .isEqualTo("it was <DATE> and <DATE>.");
    }

    @Test
    void masksYearsNumbersLongDigitStringsAndQuotes() {
        assertThat(shape("In 1984 I bought 3 apples for 2.50 with code 40213377.")).isEqualTo(
                "in <YEAR> i bought <NUM> apples for <NUM> with code <DIGITS>.");
        assertThat(shape("Translate \"good morning\" please")).isEqualTo("translate <QUOTE> please");
        assertThat(shape("Don't say 'hello there' now")).isEqualTo("don't say <QUOTE> now");
    }

    @Test
    void masksMidSentenceNamesAsOneSlotButNotSentenceStartsOrI() {
        List<Piece> pieces = masker.mask("Where did I meet John Smith in New York?").get(0).pieces();
        assertThat(pieces).filteredOn(p -> !p.literal()).extracting(Piece::kind, Piece::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.NAME, "John Smith"),
                        org.assertj.core.groups.Tuple.tuple(Kind.NAME, "New York"));
        assertThat(shape("Question: Who is there?")).isEqualTo("question: who is there?");
    }

    @Test
    void masksRareWords() {
        assertThat(shape("please zxqv the list")).isEqualTo("please <RARE> the list");
    }

    private String shape(String prompt) {
        return masker.mask(prompt).get(0).shape();
    }
}
