package dev.augury.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIndexTest {
    private static RecordIndex index() {
        return RecordIndex.of(
                List.of("How do cats purr?", "Best bread recipe", "Why do cats sleep so much?", "Tell me a joke"),
                Arrays.asList("Cats purr with their larynx.", "Flour, water, salt and yeast.", null, "No."),
                Arrays.asList(null, null, null, "You are a comedian."));
    }

    @Test
    void searchFindsTheMatchingRowsBestFirst() {
        try (RecordIndex idx = index()) {
            List<RecordIndex.Hit> hits = idx.search(RecordIndex.Field.PROMPT, "cat purring", 10);
            assertThat(hits).extracting(RecordIndex.Hit::row).containsExactly(0, 2);
            assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
            assertThat(idx.search(RecordIndex.Field.SYSTEM, "comedian", 10)).extracting(RecordIndex.Hit::row)
                    .containsExactly(3);
        }
    }

    @Test
    void documentFrequencyCountsRowsAfterAnalysis() {
        try (RecordIndex idx = index()) {
            assertThat(idx.docFrequency(RecordIndex.Field.PROMPT, "Cats")).isEqualTo(2);
            assertThat(idx.docFrequency(RecordIndex.Field.RESPONSE, "cats")).isEqualTo(1);
            assertThat(idx.docFrequency(RecordIndex.Field.PROMPT, "the")).isZero();
            assertThat(idx.size()).isEqualTo(4);
        }
    }

    @Test
    void termVectorGivesARowsAnalyzedTerms() {
        try (RecordIndex idx = index()) {
            assertThat(idx.termVector(RecordIndex.Field.PROMPT, 2)).containsOnlyKeys("why", "do", "cat", "sleep", "so", "much");
            assertThat(idx.termVector(RecordIndex.Field.RESPONSE, 2)).isEmpty();
        }
    }
}
