package dev.augury.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile bootstrap intervals: resample rows with replacement, recompute, take the quantiles. */
public final class Bootstrap {
    private Bootstrap() {
    }

    /** A statistic of a resample, given as the row indices drawn (with repeats). */
    @FunctionalInterface
    public interface Statistic {
        double compute(int[] rows);
    }

    /**
     * @param estimate  the statistic on the original rows
     * @param lower     the (1 - level) / 2 quantile of the resampled statistics
     * @param upper     the (1 + level) / 2 quantile
     * @param level     coverage, e.g. 0.95
     * @param resamples how many resamples were drawn
     */
    public record Interval(double estimate, double lower, double upper, double level, int resamples) {
        public boolean contains(double value) {
            return value >= lower && value <= upper;
        }
    }

    /** Percentile interval of a statistic over n rows. */
    public static Interval percentile(int n, Statistic statistic, int resamples, double level,
                                      SplittableRandom random) {
        if (n < 1 || resamples < 1 || level <= 0 || level >= 1) {
            throw new IllegalArgumentException("need n >= 1, resamples >= 1 and 0 < level < 1");
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        double estimate = statistic.compute(identity);
        double[] stats = new double[resamples];
        int[] draw = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                draw[i] = random.nextInt(n);
            }
            stats[b] = statistic.compute(draw);
        }
        Arrays.sort(stats);
        double alpha = (1 - level) / 2;
        return new Interval(estimate, quantile(stats, alpha), quantile(stats, 1 - alpha), level, resamples);
    }

    /** Percentile interval of the mean of values. */
    public static Interval mean(double[] values, int resamples, double level, SplittableRandom random) {
        return percentile(values.length, rows -> {
            double s = 0;
            for (int i : rows) {
                s += values[i];
            }
            return s / rows.length;
        }, resamples, level, random);
    }

    /** Linear interpolation between order statistics (type 7, the R and NumPy default) of sorted values. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
