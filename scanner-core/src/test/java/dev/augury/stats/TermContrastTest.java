package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TermContrastTest {
    private static final String[] SHARED = {"the", "a", "answer", "is", "good", "very", "of", "day", "and", "it"};

    @Test
    void countTermsLowercasesAndKeepsInnerApostrophes() {
        Map<String, Long> counts = TermContrast.countTerms(List.of("Don't stop, don't!", "Year 1984"));
        assertThat(counts.keySet()).containsExactly("1984", "don't", "stop", "year");
        assertThat(counts.get("don't")).isEqualTo(2L);
    }

    @Test
    void gSquaredMatchesHandComputedValue() {
        // Observed (10, 0, 90, 100), expected (5, 5, 95, 95).
        double expected = 2 * (10 * Math.log(2) + 90 * Math.log(90.0 / 95) + 100 * Math.log(100.0 / 95));
        assertThat(TermContrast.gSquared(10, 0, 100, 100)).isCloseTo(expected, within(1e-9));
        assertThat(TermContrast.gSquared(5, 5, 100, 100)).isCloseTo(0, within(1e-12));
    }

    @Test
    void plantedTermTopsBothScoresAndSharedTermsStayNearZero() {
        SplittableRandom random = new SplittableRandom(4);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            a.add(sentence(random) + (i % 4 == 0 ? " schnitzel" : ""));
            b.add(sentence(random));
        }
        Map<String, Long> ca = TermContrast.countTerms(a);
        Map<String, Long> cb = TermContrast.countTerms(b);
        List<TermContrast.TermScore> logOdds = TermContrast.logOdds(ca, cb, 3);
        List<TermContrast.TermScore> dunning = TermContrast.dunning(ca, cb, 3);
        assertThat(logOdds.get(0).term()).isEqualTo("schnitzel");
        assertThat(logOdds.get(0).z()).isGreaterThan(3);
        assertThat(dunning.get(0).term()).isEqualTo("schnitzel");
        assertThat(dunning.get(0).z()).isGreaterThan(3);
        for (TermContrast.TermScore s : TermContrast.logOdds(ca, cb, 100)) {
            if (!s.term().equals("schnitzel")) {
                assertThat(Math.abs(s.z())).as(s.term()).isLessThan(3);
            }
        }
    }

    private static String sentence(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < 6; w++) {
            sb.append(SHARED[random.nextInt(SHARED.length)]).append(' ');
        }
        return sb.toString().trim();
    }
}
