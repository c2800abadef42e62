package dev.augury.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YearCoverageTest {
    @Test
    void plateauIsTheRunAroundTheDensestYearsAboveTheShare() {
        YearCoverage c = new YearCoverage(1000, 2030);
        c.add(1300, 1945, 1);
        c.add(1800, 1945, 1);
        c.add(1900, 1946, 1);
        c.add(1950, 1990, 1);
        YearCoverage.Window w = c.plateau(0.5);
        assertThat(w.peak()).isEqualTo(3.0);
        assertThat(w.peakFrom()).isEqualTo(1900);
        assertThat(w.peakTo()).isEqualTo(1945);
        assertThat(w.from()).isEqualTo(1800);
        assertThat(w.to()).isEqualTo(1945); // 1946 has one interval, under half of three
    }

    @Test
    void intervalsAreClippedAndAnEmptyCoverageHasNoPlateau() {
        YearCoverage c = new YearCoverage(1000, 2030);
        assertThat(c.plateau(0.5)).isNull();
        c.add(500, 1010, 2);
        assertThat(c.coverage()[0]).isEqualTo(2.0);
        assertThat(c.coverage()[11]).isEqualTo(0.0);
        assertThat(c.binned(1000, 10, 2)).containsExactly(2.0, 0.2);
    }
}
