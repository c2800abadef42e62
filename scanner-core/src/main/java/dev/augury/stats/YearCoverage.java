package dev.augury.stats;

import java.util.Arrays;

/**
 * How many weighted year intervals cover each year: for "on which era do these rows agree". Each interval is one
 * row's era (the years its evidence was current); the densest years are where most rows agree, and the plateau
 * around them (years covered by at least a given share of the peak) is the era the rows share.
 */
public final class YearCoverage {
    private final int first;
    private final double[] diff;
    private int intervals;

    /** Years from {@code first} to {@code last} inclusive; intervals are clipped to that range. */
    public YearCoverage(int first, int last) {
        if (last < first) {
            throw new IllegalArgumentException("last < first");
        }
        this.first = first;
        this.diff = new double[last - first + 2];
    }

    /** Adds one interval [from, to] with a weight. */
    public void add(int from, int to, double weight) {
        int a = Math.max(from, first) - first;
        int b = Math.min(to, first + diff.length - 2) - first;
        if (a > b) {
            return;
        }
        diff[a] += weight;
        diff[b + 1] -= weight;
        intervals++;
    }

    public int intervals() {
        return intervals;
    }

    /** Coverage per year, index 0 = {@code first}. */
    public double[] coverage() {
        double[] c = new double[diff.length - 1];
        double run = 0;
        for (int i = 0; i < c.length; i++) {
            run += diff[i];
            c[i] = run;
        }
        return c;
    }

    /**
     * @param from   first year of the window
     * @param to     last year
     * @param peak   the largest coverage (the weight of the intervals that agree on the densest year)
     * @param peakFrom first year at the peak
     * @param peakTo   last year of the contiguous run at the peak that starts at peakFrom
     */
    public record Window(int from, int to, double peak, int peakFrom, int peakTo) {
    }

    /**
     * The contiguous run of years around the earliest densest year whose coverage is at least {@code share} of
     * the peak; null when nothing was added.
     */
    public Window plateau(double share) {
        double[] c = coverage();
        double peak = Arrays.stream(c).max().orElse(0);
        if (peak <= 0) {
            return null;
        }
        int p = 0;
        while (c[p] < peak) {
            p++;
        }
        int pe = p;
        while (pe + 1 < c.length && c[pe + 1] >= peak) {
            pe++;
        }
        double floor = share * peak;
        int lo = p;
        while (lo > 0 && c[lo - 1] >= floor) {
            lo--;
        }
        int hi = pe;
        while (hi + 1 < c.length && c[hi + 1] >= floor) {
            hi++;
        }
        return new Window(first + lo, first + hi, peak, first + p, first + pe);
    }

    /** Weighted coverage summed per bin of {@code binYears} years starting at {@code from}, averaged over the bin. */
    public double[] binned(int from, int binYears, int bins) {
        double[] c = coverage();
        double[] out = new double[bins];
        for (int b = 0; b < bins; b++) {
            double s = 0;
            for (int y = from + b * binYears; y < from + (b + 1) * binYears; y++) {
                int i = y - first;
                if (i >= 0 && i < c.length) {
                    s += c[i];
                }
            }
            out[b] = s / binYears;
        }
        return out;
    }
}
