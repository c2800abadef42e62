package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HypothesesAndBinomialTest {
    @Test
    void posteriorsShareMassWithTheNullByPriorWeight() {
        // Two hypotheses at ln 3 and 0 against the null, null weight 2: masses 3, 1, 2 -> 0.5, 1/6 (null 1/3).
        double[] p = Hypotheses.posteriors(new double[] {Math.log(3), 0}, 2);
        assertThat(p).containsExactly(new double[] {0.5, 1.0 / 6}, within(1e-12));
    }

    @Test
    void posteriorsStayFiniteForHugeLogRatios() {
        double[] p = Hypotheses.posteriors(new double[] {5000, 4990}, 1000);
        assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(-10)), within(1e-9));
        assertThat(p[0] + p[1]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void clipBoundsBothSides() {
        assertThat(Hypotheses.clip(9, 3)).isEqualTo(3);
        assertThat(Hypotheses.clip(-9, 3)).isEqualTo(-3);
        assertThat(Hypotheses.clip(1.5, 3)).isEqualTo(1.5);
    }

    @Test
    void binomialUpperTailMatchesHandComputedValues() {
        // P(X >= 2), n = 3, p = 0.5: (3 + 1) / 8.
        assertThat(Binomial.upperTail(2, 3, 0.5)).isCloseTo(0.5, within(1e-12));
        // P(X >= 3), n = 3, p = 0.1 = 0.001.
        assertThat(Binomial.upperTail(3, 3, 0.1)).isCloseTo(0.001, within(1e-12));
        assertThat(Binomial.upperTail(0, 10, 0.3)).isEqualTo(1.0);
        assertThat(Binomial.upperTail(11, 10, 0.3)).isEqualTo(0.0);
    }

    @Test
    void binomialTailOfAConcentratedCountIsTiny() {
        // 40 of 100 answers naming a term the background uses 2% of the time.
        assertThat(Binomial.upperTail(40, 100, 0.02)).isLessThan(1e-25);
        // A count at the mean is unremarkable.
        assertThat(Binomial.upperTail(2, 100, 0.02)).isGreaterThan(0.5);
    }

    @Test
    void logChooseAgreesAcrossTheStirlingSwitch() {
        double exact = 0;
        for (int i = 1; i <= 300; i++) {
            exact += Math.log(i);
        }
        double viaChoose = Binomial.logChoose(300, 0);
        assertThat(viaChoose).isEqualTo(0.0, within(1e-9));
        assertThat(Binomial.logChoose(300, 1)).isCloseTo(Math.log(300), within(1e-8));
        assertThat(exact).isGreaterThan(0);
    }
}
