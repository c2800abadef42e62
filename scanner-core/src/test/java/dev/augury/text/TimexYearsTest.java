package dev.augury.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimexYearsTest {
    @Test
    void yearsOfTimexValues() {
        assertThat(TimexYears.range("1776-07-04")).containsExactly(1776, 1776);
        assertThat(TimexYears.range("199X")).containsExactly(1990, 1999);
        assertThat(TimexYears.range("185X")).containsExactly(1850, 1859);
        assertThat(TimexYears.range("18XX")).containsExactly(1800, 1899);
        assertThat(TimexYears.range("2027-07")).containsExactly(2027, 2027);
        assertThat(TimexYears.range("2001-W17")).containsExactly(2001, 2001);
        assertThat(TimexYears.range("+1945")).containsExactly(1945, 1945);
        assertThat(TimexYears.range("-0299")).containsExactly(-299, -299);
    }

    @Test
    void valuesWithoutAYearCoverNone() {
        assertThat(TimexYears.range("XXXX")).isNull();
        assertThat(TimexYears.range("XXXX-07-04")).isNull();
        assertThat(TimexYears.range("PRESENT_REF")).isNull();
        assertThat(TimexYears.range("P200Y")).isNull();
        assertThat(TimexYears.range(null)).isNull();
    }
}
