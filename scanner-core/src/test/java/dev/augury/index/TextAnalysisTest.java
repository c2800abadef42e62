package dev.augury.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {
    @Test
    void termsAreLowercasedWithoutStopWords() {
        assertThat(TextAnalysis.terms("The Cats sat on the mat!")).containsExactly("cats", "sat", "mat");
    }

    @Test
    void stemsAreWhatTheIndexesMatch() {
        assertThat(TextAnalysis.stems("The Cats are running")).containsExactly("cat", "run");
    }

    @Test
    void ngramsJoinConsecutiveTerms() {
        assertThat(TextAnalysis.ngrams(List.of("a", "b", "c"), 2)).containsExactly("a b", "b c");
        assertThat(TextAnalysis.ngrams(List.of("a"), 2)).isEmpty();
    }
}
