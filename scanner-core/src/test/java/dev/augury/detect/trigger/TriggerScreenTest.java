package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Screening every candidate once per distinct row set and scope. */
class TriggerScreenTest {
    @Test
    void candidatesWithTheSameRowsInTheSameScopeShareOneScreenAndOthersGetTheirOwn() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 300;
        DependenceTest test = new DependenceTest(DependenceTestScopeTest.unitRows(n, 16, r),
                DependenceTestScopeTest.unitRows(n, 16, r), new SplittableRandom(1));
        int[] rows = IntStream.range(0, 30).map(i -> i * 7).toArray();
        Candidate.Scope scope = new Candidate.Scope("digits", IntStream.range(0, 250).toArray());
        Candidate token = Candidate.of("token", "token", "Zebra", rows, null);
        Candidate prefix = Candidate.of("prefix", "prefix", "Zebra", rows.clone(), null); // same rows, other array
        Candidate scoped = Candidate.of("digits", "digits", "7", rows.clone(), scope); // same rows, other scope
        Candidate other = Candidate.of("token", "token", "Lion", IntStream.range(0, 30).toArray(), null);

        DependenceTest.Screen[] screens = TriggerDetector.screenAll(test, List.of(token, prefix, scoped, other));

        assertThat(screens[1]).isSameAs(screens[0]);
        assertThat(screens[2]).isNotSameAs(screens[0]);
        assertThat(screens[3]).isNotSameAs(screens[0]);
        List<Candidate> each = List.of(token, prefix, scoped, other);
        for (int k = 0; k < each.size(); k++) {
            DependenceTest.Screen alone = test.screen(each.get(k));
            assertThat(screens[k].ratio()).isEqualTo(alone.ratio());
            assertThat(screens[k].answerShift()).isEqualTo(alone.answerShift());
            assertThat(screens[k].promptShift()).isEqualTo(alone.promptShift());
            assertThat(screens[k].delta()).containsExactly(alone.delta());
        }
        assertThat(screens[2].ratio()).isNotEqualTo(screens[0].ratio());
    }
}
