package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MomentMatchedPValueTest {
    @Test
    void chiSquareTailMatchesKnownValuesAndStaysFiniteForHugeDegreesOfFreedom() {
        // P(chi2_1 >= 3.841) = 0.05, P(chi2_10 >= 18.307) = 0.05
        assertThat(PermutationTest.chiSquareUpperTail(3.841, 1)).isCloseTo(0.05, within(1e-3));
        assertThat(PermutationTest.chiSquareUpperTail(18.307, 10)).isCloseTo(0.05, within(1e-3));
        assertThat(PermutationTest.chiSquareUpperTail(0, 5)).isEqualTo(1);
        double far = PermutationTest.chiSquareUpperTail(3e6, 1e6);
        assertThat(far).isBetween(0.0, 1e-10);
    }

    @Test
    void momentMatchedPIsFinerThanThePermutationPWhenTheObservedIsFarOut() {
        // A null with mean 10 and sd sqrt(20) is exactly chi-square with 10 df.
        PermutationTest.Result far = new PermutationTest.Result(60, 1.0 / 200, 11, 10, Math.sqrt(20), 199);
        PermutationTest.Result typical = new PermutationTest.Result(10, 0.45, 0, 10, Math.sqrt(20), 199);

        assertThat(PermutationTest.momentMatchedPValue(far)).isLessThan(1e-6);
        assertThat(PermutationTest.momentMatchedPValue(typical)).isCloseTo(0.44, within(0.02));
    }
}
