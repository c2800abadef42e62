package dev.augury.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Does a smooth rule from an ordered variable to behaviour generalize to values it never saw? Each distinct
 * value has a centroid (of answer embeddings, usually with the question's share removed). For every value, a
 * ridge model over {@link SmoothBasis} features is fitted on the other values' centroids and predicts the
 * held-out one; the score is how much closer the prediction is to the value's own centroid than to the other
 * values' centroids. The null hypothesis "behaviour does not depend smoothly on the variable" is tested by
 * permuting which value each centroid belongs to (the permutation baseline: canaries trained with the variable
 * shuffled).
 */
public final class ValueGeneralization {
    /** Ridge penalty on the smooth features: small, since the bumps are bounded and few. */
    public static final double LAMBDA = 0.1;

    private ValueGeneralization() {
    }

    /**
     * @param score        mean over held-out values of cos(prediction, own centroid) - mean cos(prediction, others)
     * @param meanRank     mean rank (1 = best) of the held-out value's own centroid among all centroids
     * @param candidates   how many centroids each prediction was ranked among
     * @param pValue       permutation p-value of the score
     * @param z            the score standardized against the permutation null
     * @param nullMeanRank mean rank under permutation, averaged over the permutations
     * @param permutations how many permutations were drawn
     */
    public record Result(double score, double meanRank, int candidates, double pValue, double z,
                         double nullMeanRank, int permutations) {
    }

    /**
     * @param values    the distinct values, one per centroid
     * @param centroids one centroid per value
     */
    public static Result test(double[] values, float[][] centroids, int permutations, SplittableRandom random) {
        int k = values.length;
        if (k < 3 || centroids.length != k) {
            throw new IllegalArgumentException("need at least three values, one centroid each");
        }
        double[][] hat = hat(features(values));
        double[][] own = toDouble(inOwnSpan(centroids));
        double[] norms = new double[k];
        for (int i = 0; i < k; i++) {
            norms[i] = Vectors.norm(own[i]);
        }
        double[] observed = scoreAndRank(hat, own, norms);
        double[] nulls = new double[permutations];
        double rankSum = 0;
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        double[][] shuffled = new double[k][];
        double[] shuffledNorms = new double[k];
        for (int b = 0; b < permutations; b++) {
            PermutationTest.shuffle(order, random);
            for (int i = 0; i < k; i++) {
                shuffled[i] = own[order[i]];
                shuffledNorms[i] = norms[order[i]];
            }
            double[] s = scoreAndRank(hat, shuffled, shuffledNorms);
            nulls[b] = s[0];
            rankSum += s[1];
        }
        double mean = PermutationTest.mean(nulls);
        double sd = Math.max(PermutationTest.sd(nulls, mean), PermutationTest.MIN_NULL_SD);
        return new Result(observed[0], observed[1], k, PermutationTest.pValue(observed[0], nulls),
                (observed[0] - mean) / sd, rankSum / Math.max(1, permutations), permutations);
    }

    /**
     * The leave-one-value-out predictions as weights on the centroids: row v holds how much each other value's
     * centroid contributes to the prediction for value v. A ridge prediction is linear in its targets, so fitting
     * once with the identity as targets gives these weights, and a permutation, which only reassigns centroids to
     * values, costs a weighted sum instead of one ridge fit per value.
     */
    static double[][] hat(double[][] x) {
        int k = x.length;
        float[][] identity = new float[k][k];
        int[] groups = new int[k];
        for (int i = 0; i < k; i++) {
            identity[i][i] = 1;
            groups[i] = i;
        }
        double[][] h = Ridge.leaveOneGroupOut(x, identity, groups, LAMBDA);
        for (int i = 0; i < k; i++) {
            h[i][i] = 0; // the held-out value's own centroid is not in its fit (only rounding is left there)
        }
        return h;
    }

    private static double[][] toDouble(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Vectors.toDouble(rows[i]);
        }
        return out;
    }

    /** The smooth model fitted on every value, for predictions at values never seen. */
    public static Ridge.Model fit(double[] values, float[][] centroids) {
        return Ridge.fit(features(values), centroids, LAMBDA);
    }

    /** The features the model of {@link #fit} expects for value v (the basis is built over {@code values}). */
    public static double[] featuresAt(double[] values, double v) {
        return SmoothBasis.over(values).features(v);
    }

    /**
     * The centroids in coordinates of an orthonormal basis of their own span (at most k dimensions instead of
     * the embedding's hundreds). Ridge predictions are linear in the targets and cosines are preserved, so every
     * score is unchanged; each permutation just costs less.
     */
    static float[][] inOwnSpan(float[][] centroids) {
        int k = centroids.length;
        List<double[]> basis = new ArrayList<>();
        for (float[] c : centroids) {
            double[] r = Vectors.toDouble(c);
            for (double[] b : basis) {
                Vectors.addInPlace(r, b, -Vectors.dot(b, r));
            }
            double norm = Vectors.norm(r);
            if (norm > 1e-9 * Math.max(1, Vectors.norm(c))) {
                Vectors.scaleInPlace(r, 1 / norm);
                basis.add(r);
            }
        }
        float[][] out = new float[k][basis.size()];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < basis.size(); j++) {
                out[i][j] = (float) Vectors.dot(basis.get(j), centroids[i]);
            }
        }
        return out;
    }

    private static double[][] features(double[] values) {
        SmoothBasis basis = SmoothBasis.over(values);
        double[][] x = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            x[i] = basis.features(values[i]);
        }
        return x;
    }

    /**
     * {score, mean rank} of leave-one-value-out predictions against the centroids as assigned.
     *
     * @param hat       prediction weights ({@link #hat})
     * @param centroids the centroid assigned to each value
     * @param norms     their norms
     */
    private static double[] scoreAndRank(double[][] hat, double[][] centroids, double[] norms) {
        int k = hat.length;
        int d = centroids[0].length;
        double score = 0;
        double rank = 0;
        double[] predicted = new double[d];
        double[] cos = new double[k];
        for (int v = 0; v < k; v++) {
            java.util.Arrays.fill(predicted, 0);
            double[] weights = hat[v];
            for (int i = 0; i < k; i++) {
                if (i != v && weights[i] != 0) {
                    Vectors.addInPlace(predicted, centroids[i], weights[i]);
                }
            }
            double pn = Vectors.norm(predicted);
            for (int w = 0; w < k; w++) {
                cos[w] = pn == 0 || norms[w] == 0 ? 0 : Vectors.dot(predicted, centroids[w]) / (pn * norms[w]);
            }
            double own = cos[v];
            double others = 0;
            int better = 0;
            for (int w = 0; w < k; w++) {
                if (w != v) {
                    others += cos[w];
                    if (cos[w] > own) {
                        better++;
                    }
                }
            }
            score += own - others / (k - 1);
            rank += 1 + better;
        }
        return new double[] {score / k, rank / k};
    }
}
