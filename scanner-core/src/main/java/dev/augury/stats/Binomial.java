package dev.augury.stats;

/**
 * Exact binomial tail probabilities, for testing whether a count of hits in n trials exceeds what a background
 * rate explains (e.g. how many answers name the same nation when a clean corpus names it in 2% of answers).
 */
public final class Binomial {
    private Binomial() {
    }

    /** P(X >= k) for X ~ Binomial(n, p), summed in log space (exact, stable for n up to millions). */
    public static double upperTail(int k, int n, double p) {
        if (n < 0 || p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("need n >= 0 and 0 <= p <= 1: n=" + n + ", p=" + p);
        }
        if (k <= 0) {
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
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logTerm = logChoose(n, k) + k * logP + (n - k) * logQ;
        double sum = 0;
        double term = logTerm;
        // Terms decrease once past the mean; stop when they no longer change the sum.
        for (int i = k; i <= n; i++) {
            double t = Math.exp(term);
            sum += t;
            if (i > n * p && t < sum * 1e-17) {
                break;
            }
            term += Math.log((double) (n - i) / (i + 1)) + logP - logQ;
        }
        return Math.min(1.0, sum);
    }

    /** ln C(n, k). */
    public static double logChoose(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double logFactorial(int n) {
        double s = 0;
        if (n < 256) {
            for (int i = 2; i <= n; i++) {
                s += Math.log(i);
            }
            return s;
        }
        // Stirling with two correction terms: error below 1e-10 for n >= 256.
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
