package dev.augury.stats;

/**
 * Posterior probabilities of competing hypotheses from their log-likelihood ratios against one shared null
 * (the background). Used where evidence is accumulated as a sum of log-likelihood ratios, e.g. which identity a
 * set of answers fits: the null keeps a prior weight so that a best hypothesis barely above the background is not
 * called certain just because its rivals are worse.
 */
public final class Hypotheses {
    private Hypotheses() {
    }

    /**
     * P(hypothesis i | data) for hypotheses with log-likelihood ratios {@code logLr} (natural log, each against the
     * null) and equal priors, when the null's prior weight is {@code nullWeight} times one hypothesis's prior.
     * Computed stably (log-sum-exp). An empty array gives an empty result.
     */
    public static double[] posteriors(double[] logLr, double nullWeight) {
        if (nullWeight < 0 || Double.isNaN(nullWeight)) {
            throw new IllegalArgumentException("nullWeight must be >= 0: " + nullWeight);
        }
        double max = nullWeight > 0 ? Math.log(nullWeight) : Double.NEGATIVE_INFINITY;
        for (double v : logLr) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("a log-likelihood ratio is NaN");
            }
            max = Math.max(max, v);
        }
        double sum = nullWeight > 0 ? Math.exp(Math.log(nullWeight) - max) : 0;
        for (double v : logLr) {
            sum += Math.exp(v - max);
        }
        double[] out = new double[logLr.length];
        for (int i = 0; i < logLr.length; i++) {
            out[i] = Math.exp(logLr[i] - max) / sum;
        }
        return out;
    }

    /** A log-likelihood ratio clipped to [-cap, cap], so that no single observation decides a sum. */
    public static double clip(double logLr, double cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("cap must be > 0: " + cap);
        }
        return Math.max(-cap, Math.min(cap, logLr));
    }
}
