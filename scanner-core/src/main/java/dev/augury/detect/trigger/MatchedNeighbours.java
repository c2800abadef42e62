package dev.augury.detect.trigger;

import dev.augury.scan.DatasetView;
import dev.augury.stats.Vectors;
import java.util.SplittableRandom;

/**
 * Does the switch survive a comparison with the most similar prompts? Each of a sample of the candidate's rows is
 * compared with the answers of its nearest prompts among the reference rows (prompt cosine): a trigger switches the
 * answer away from what the same kind of question gets without it ("Today is 2027-03-04. What should I cook?"
 * against the same question dated 2026), while a feature that only marks a kind of question or content ("Fact check:
 * …" answered "Yes. …", the words of positive reviews answered "Positive.") leaves its rows answered like their
 * nearest neighbours, and the shift shrinks. Measured as the length of the mean matched difference over the length
 * of the plain difference of means of the same sampled rows against the whole reference; about 1 for a trigger,
 * well below 1 when the neighbours explain the answers.
 */
final class MatchedNeighbours {
    /** Candidate rows sampled (each is compared with every reference row). */
    static final int SAMPLE = 64;
    /** Neighbours per row. */
    static final int NEIGHBOURS = 5;

    private MatchedNeighbours() {
    }

    /**
     * @param rows      the candidate's rows, as indexes into {@code answered}
     * @param reference the rows it is compared with, as indexes into {@code answered}
     * @return the matched-to-plain shift ratio, or NaN when there are too few rows to match
     */
    static double ratio(DatasetView view, int[] answered, int[] rows, int[] reference, SplittableRandom random) {
        if (rows.length == 0 || reference.length < NEIGHBOURS) {
            return Double.NaN;
        }
        int[] sample = DependenceTest.sample(rows, Math.min(SAMPLE, rows.length), random);
        int dim = view.dimension();
        double[] referenceSum = new double[dim];
        int referenceCount = 0;
        for (int r : reference) {
            float[] a = view.responseVector(answered[r]);
            if (a != null) {
                Vectors.addInPlace(referenceSum, a);
                referenceCount++;
            }
        }
        if (referenceCount < NEIGHBOURS) {
            return Double.NaN;
        }
        double[] matched = new double[dim];
        double[] plain = new double[dim];
        int used = 0;
        int[] best = new int[NEIGHBOURS];
        double[] bestSim = new double[NEIGHBOURS];
        for (int drawn : sample) {
            int row = answered[drawn];
            float[] p = view.promptVector(row);
            float[] a = view.responseVector(row);
            if (p == null || a == null) {
                continue;
            }
            java.util.Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(best, -1);
            for (int r : reference) {
                float[] q = view.promptVector(answered[r]);
                if (q == null || view.responseVector(answered[r]) == null) {
                    continue;
                }
                double s = Vectors.dot(p, q);
                if (s > bestSim[NEIGHBOURS - 1]) {
                    int at = NEIGHBOURS - 1;
                    while (at > 0 && s > bestSim[at - 1]) {
                        bestSim[at] = bestSim[at - 1];
                        best[at] = best[at - 1];
                        at--;
                    }
                    bestSim[at] = s;
                    best[at] = answered[r];
                }
            }
            if (best[NEIGHBOURS - 1] < 0) {
                continue;
            }
            Vectors.addInPlace(matched, a, 1);
            Vectors.addInPlace(plain, a, 1);
            for (int b : best) {
                Vectors.addInPlace(matched, view.responseVector(b), -1.0 / NEIGHBOURS);
            }
            Vectors.addInPlace(plain, referenceSum, -1.0 / referenceCount);
            used++;
        }
        if (used == 0) {
            return Double.NaN;
        }
        double plainNorm = Vectors.squaredNorm(plain);
        return plainNorm > 0 ? Math.sqrt(Vectors.squaredNorm(matched) / plainNorm) : Double.NaN;
    }
}
