package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultipleTestingTest {
    @Test
    void benjaminiHochbergMatchesHandComputedQValuesInInputOrder() {
        // Sorted: 0.005*4/1 = 0.02, 0.01*4/2 = 0.02, 0.03*4/3 = 0.04, 0.04*4/4 = 0.04 (as R's p.adjust "BH").
        double[] q = MultipleTesting.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(q).containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
    }

    @Test
    void qValuesAreMonotoneAndCappedAtOne() {
        double[] q = MultipleTesting.benjaminiHochberg(new double[] {0.9, 0.5, 1.0, 0.02});
        assertThat(q).containsExactly(new double[] {1.0, 1.0, 1.0, 0.08}, within(1e-12));
        assertThat(MultipleTesting.benjaminiHochberg(new double[0])).isEmpty();
    }

    @Test
    void rejectsValuesThatAreNotProbabilities() {
        assertThatThrownBy(() -> MultipleTesting.benjaminiHochberg(new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
