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
        double[][] x = features(values);
        centroids = inOwnSpan(centroids);
        double[] observed = scoreAndRank(x, centroids);
        double[] nulls = new double[permutations];
        double rankSum = 0;
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        float[][] shuffled = new float[k][];
        for (int b = 0; b < permutations; b++) {
            PermutationTest.shuffle(order, random);
            for (int i = 0; i < k; i++) {
                shuffled[i] = centroids[order[i]];
            }
            double[] s = scoreAndRank(x, shuffled);
            nulls[b] = s[0];
            rankSum += s[1];
        }
        double mean = PermutationTest.mean(nulls);
        double sd = Math.max(PermutationTest.sd(nulls, mean), PermutationTest.MIN_NULL_SD);
        return new Result(observed[0], observed[1], k, PermutationTest.pValue(observed[0], nulls),
                (observed[0] - mean) / sd, rankSum / Math.max(1, permutations), permutations);
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

    /** {score, mean rank} of leave-one-value-out predictions against the centroids as assigned. */
    private static double[] scoreAndRank(double[][] x, float[][] centroids) {
        int k = x.length;
        int[] groups = new int[k];
        for (int i = 0; i < k; i++) {
            groups[i] = i;
        }
        double[][] predicted = Ridge.leaveOneGroupOut(x, centroids, groups, LAMBDA);
        double score = 0;
        double rank = 0;
        for (int v = 0; v < k; v++) {
            double own = Vectors.cosine(predicted[v], Vectors.toDouble(centroids[v]));
            double others = 0;
            int better = 0;
            for (int w = 0; w < k; w++) {
                if (w != v) {
                    double c = Vectors.cosine(predicted[v], Vectors.toDouble(centroids[w]));
                    others += c;
                    if (c > own) {
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
