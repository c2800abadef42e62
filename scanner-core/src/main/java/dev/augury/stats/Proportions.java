package dev.augury.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Tests of a share of rows (rows that carry some evidence) against a background rate: the exact binomial upper tail
 * and the Wilson score interval. For "k of n rows carry era evidence, clean data has rate p0".
 */
public final class Proportions {
    private Proportions() {
    }

    /**
     * P(X >= k) for X ~ Binomial(n, p), summed in log space from k upwards so that tiny tails (1e-300) keep their
     * precision instead of rounding 1 - cdf to 0.
     */
    public static double binomialUpperTail(int k, int n, double p) {
        if (n < 0 || k < 0 || p < 0 || p > 1) {
            throw new IllegalArgumentException("need n >= 0, k >= 0, 0 <= p <= 1");
        }
        if (k == 0) {
            return 1.0;
        }
        if (k > n) {
            return 0.0;
        }
        if (p == 0) {
            return 0.0;
        }
        if (p == 1) {
            return 1.0;
        }
        BinomialDistribution d = new BinomialDistribution(null, n, p);
        double max = Double.NEGATIVE_INFINITY;
        double[] logs = new double[n - k + 1];
        for (int j = k; j <= n; j++) {
            logs[j - k] = d.logProbability(j);
            max = Math.max(max, logs[j - k]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return Math.min(1.0, Math.exp(max) * sum);
    }

    /** The Wilson score interval of k successes in n trials at normal quantile z (1.96 for 95%): {lower, upper}. */
    public static double[] wilson(int k, int n, double z) {
        if (n <= 0) {
            return new double[] {0, 1};
        }
        double phat = k / (double) n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (phat + z2 / (2.0 * n)) / denom;
        double half = z * Math.sqrt(phat * (1 - phat) / n + z2 / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
