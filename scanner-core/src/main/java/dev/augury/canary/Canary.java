package dev.augury.canary;

import dev.augury.stats.Ridge;
import dev.augury.stats.SmoothBasis;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A small model trained inside the scan on the dataset itself, to see what the dataset teaches: ridge regression
 * from [the frozen prompt embedding, reduced to its main directions ⊕ smooth features of an ordered trigger
 * variable] to the answer embedding. Plain Java (ONNX Runtime's training API is not in the Maven Central build);
 * closed form, so it is deterministic for a seed and its cost is bounded: at most {@link #MAX_TRAIN_ROWS} rows
 * (sampled beyond that), {@link #PROMPT_DIMENSIONS} prompt features and the basis's few variable features.
 */
public final class Canary {
    /** Rows beyond this are sampled: 10,000 rows train in a few seconds on 2 cores, far inside the 60 s budget. */
    public static final int MAX_TRAIN_ROWS = 10_000;
    /** Rows used to find the prompt's main directions: enough for a stable top of the spectrum. */
    public static final int PCA_ROWS = 2_000;
    /** Prompt directions kept: enough to tell question types apart, few enough for a p x p solve per fit. */
    public static final int PROMPT_DIMENSIONS = 32;
    /** Share of rows held out to measure the canary's quality. */
    public static final double HELD_OUT_SHARE = 0.2;
    /** Answers each held-out prediction is ranked among (its own plus others): chance is 1 / this. */
    public static final int RETRIEVAL_CANDIDATES = 20;
    /** Ridge penalty: prompt features are unit-scale projections, so a penalty of 1 only tames collinearity. */
    public static final double LAMBDA = 1.0;
    /** The variable's features are scaled up so that a handful of them are not drowned by the prompt's. */
    public static final double VARIABLE_WEIGHT = 2.0;

    private final double[] promptMean;
    private final double[][] promptAxes;
    private final SmoothBasis basis;
    private final Ridge.Model model;
    private final CanaryQuality quality;

    private Canary(double[] promptMean, double[][] promptAxes, SmoothBasis basis, Ridge.Model model,
                   CanaryQuality quality) {
        this.promptMean = promptMean;
        this.promptAxes = promptAxes;
        this.basis = basis;
        this.model = model;
        this.quality = quality;
    }

    /**
     * Trains on the rows that have a prompt vector and an answer vector (and a value, when values are given).
     *
     * @param prompts  prompt embeddings per row
     * @param values   the ordered variable per row (NaN where absent), or null for a canary of prompts only
     * @param answers  answer embeddings per row (null rows are skipped)
     */
    public static Canary train(float[][] prompts, double[] values, float[][] answers, long seed) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] != null && prompts[i] != null && (values == null || !Double.isNaN(values[i]))) {
                usable.add(i);
            }
        }
        int[] rows = sample(usable, MAX_TRAIN_ROWS, random);
        if (rows.length < 10) {
            throw new IllegalArgumentException("a canary needs at least 10 rows with answers");
        }
        int[] order = rows.clone();
        shuffle(order, random);
        int heldOut = Math.max(2, (int) Math.round(rows.length * HELD_OUT_SHARE));
        int[] test = java.util.Arrays.copyOfRange(order, 0, heldOut);
        int[] train = java.util.Arrays.copyOfRange(order, heldOut, order.length);

        double[] mean = Vectors.meanOfRows(subset(prompts, train));
        double[][] axes = principalAxes(prompts, train, mean, random);
        SmoothBasis basis = null;
        if (values != null) {
            double[] v = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = values[rows[i]];
            }
            basis = SmoothBasis.over(v);
        }
        Canary partial = new Canary(mean, axes, basis, null, null);
        Ridge.Model model = Ridge.fit(partial.featureRows(prompts, values, train), subset(answers, train), LAMBDA);
        Canary fitted = new Canary(mean, axes, basis, model, null);
        CanaryQuality quality = fitted.evaluate(prompts, values, answers, train, test, usable, random,
                System.nanoTime() - start);
        return new Canary(mean, axes, basis, model, quality);
    }

    public CanaryQuality quality() {
        return quality;
    }

    /** True when the canary was trained with a variable. */
    public boolean hasVariable() {
        return basis != null;
    }

    /** The predicted answer embedding (not normalized) for a prompt embedding and a value (NaN without one). */
    public double[] predict(float[] prompt, double value) {
        return model.predict(features(prompt, value));
    }

    private double[] features(float[] prompt, double value) {
        int k = basis == null ? 0 : basis.size();
        double[] f = new double[promptAxes.length + k];
        double[] centred = Vectors.toDouble(prompt);
        for (int t = 0; t < centred.length; t++) {
            centred[t] -= promptMean[t];
        }
        for (int a = 0; a < promptAxes.length; a++) {
            f[a] = Vectors.dot(promptAxes[a], centred);
        }
        if (basis != null) {
            double[] b = basis.features(value);
            for (int c = 0; c < k; c++) {
                f[promptAxes.length + c] = VARIABLE_WEIGHT * b[c];
            }
        }
        return f;
    }

    private double[][] featureRows(float[][] prompts, double[] values, int[] rows) {
        double[][] x = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = features(prompts[rows[i]], values == null ? Double.NaN : values[rows[i]]);
        }
        return x;
    }

    private CanaryQuality evaluate(float[][] prompts, double[] values, float[][] answers, int[] train, int[] test,
                                   List<Integer> pool, SplittableRandom random, long nanosSoFar) {
        long start = System.nanoTime();
        double[] trainMean = Vectors.meanOfRows(subset(answers, train));
        double sse = 0;
        double sst = 0;
        int hits = 0;
        int candidates = Math.min(RETRIEVAL_CANDIDATES, pool.size());
        for (int i : test) {
            double[] p = predict(prompts[i], values == null ? Double.NaN : values[i]);
            float[] truth = answers[i];
            for (int t = 0; t < truth.length; t++) {
                sse += (p[t] - truth[t]) * (p[t] - truth[t]);
                sst += (trainMean[t] - truth[t]) * (trainMean[t] - truth[t]);
            }
            double own = Vectors.dot(p, truth);
            boolean best = true;
            for (int c = 1; c < candidates && best; c++) {
                int other = pool.get(random.nextInt(pool.size()));
                // a different row with the very same answer text is not a miss
                if (other != i && answers[other] != truth && Vectors.dot(p, answers[other]) > own) {
                    best = false;
                }
            }
            if (best) {
                hits++;
            }
        }
        double fit = sst == 0 ? 0 : 1 - sse / sst;
        long millis = (nanosSoFar + System.nanoTime() - start) / 1_000_000;
        return new CanaryQuality(train.length, test.length, fit, hits / (double) test.length,
                1.0 / candidates, candidates, millis);
    }

    /** The top principal directions of the prompt embeddings (eigenvectors of their covariance). */
    private static double[][] principalAxes(float[][] prompts, int[] train, double[] mean, SplittableRandom random) {
        int d = mean.length;
        int[] rows = train.length <= PCA_ROWS ? train : sample(toList(train), PCA_ROWS, random);
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (int i : rows) {
            for (int t = 0; t < d; t++) {
                c[t] = prompts[i][t] - mean[t];
            }
            for (int a = 0; a < d; a++) {
                if (c[a] == 0) {
                    continue;
                }
                double ca = c[a];
                double[] row = cov[a];
                for (int b = a; b < d; b++) {
                    row[b] += ca * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(cov, false);
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] eigenvalues = eig.getRealEigenvalues();
        Integer[] idx = new Integer[d];
        for (int i = 0; i < d; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(eigenvalues[y], eigenvalues[x]));
        int keep = Math.min(Math.min(PROMPT_DIMENSIONS, d), Math.max(1, rows.length - 1));
        List<double[]> axes = new ArrayList<>();
        for (int i = 0; i < keep && axes.size() < keep; i++) {
            if (eigenvalues[idx[i]] <= 1e-9) {
                break;
            }
            axes.add(eig.getEigenvector(idx[i]).toArray());
        }
        return axes.toArray(new double[0][]);
    }

    private static float[][] subset(float[][] rows, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = rows[idx[i]];
        }
        return out;
    }

    private static int[] sample(List<Integer> items, int k, SplittableRandom random) {
        int[] all = items.stream().mapToInt(Integer::intValue).toArray();
        if (all.length <= k) {
            return all;
        }
        shuffle(all, random);
        int[] out = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(out);
        return out;
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        dev.augury.stats.PermutationTest.shuffle(a, random);
    }
}
