package dev.augury.detect.trigger;

import dev.augury.stats.EffectSize;
import dev.augury.stats.KMeans;
import dev.augury.stats.PermutationTest;
import dev.augury.stats.PrincipalComponents;
import dev.augury.stats.Ridge;
import dev.augury.stats.Vectors;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Do the answers of a candidate's rows differ from the rest beyond what their prompts explain? Two stages, both
 * linear in the rows a candidate touches:
 * <ol>
 *   <li><b>Screening</b> (every candidate): answers are residualized on coarse prompt strata (k-means clusters of
 *       the prompt vectors: question type, topic), and the distance between the candidate's mean residual and the
 *       rest's is compared with its null variance trace(Sigma) (1/s + 1/r) as a scaled chi-square with the
 *       residuals' effective degrees of freedom (trace(Sigma)^2 / trace(Sigma^2)).</li>
 *   <li><b>Confirmation</b> (the best screened candidates): a ridge map from the prompt (its leading principal
 *       components) to the answer is fitted <i>without the candidate's rows</i>, so the candidate cannot teach the
 *       map its own effect while the other rows teach it what such prompts are normally answered with (a topic
 *       word is predicted by similar prompts; a trigger is not). The statistic is the squared distance between the
 *       mean residual of the candidate's rows and of the rest; its null comes from permuting the candidate's rows
 *       within prompt strata, and its p-value from a scaled chi-square matched to the permutations' moments.</li>
 * </ol>
 */
final class DependenceTest {
    /** Prompt rows per stratum: coarse enough that a stratum holds several phrasings of a question type. */
    static final int ROWS_PER_STRATUM = 20;
    /** More strata than this only splits topics the ridge stage already controls. */
    static final int MAX_STRATA = 100;
    /** Principal components of the prompt vectors that feed the ridge map (topic and question type live there). */
    static final int PROMPT_COMPONENTS = 48;
    /** Ridge penalty per row: mild shrinkage, enough to keep directions the other rows never vary along quiet. */
    static final double RIDGE_LAMBDA_PER_ROW = 1e-3;
    /** Rows sampled to estimate the residual covariance's effective degrees of freedom. */
    static final int DF_SAMPLE = 1_500;
    /** Covariance rows summed together (16 rows of 384 doubles: 48 KB, within a core's cache). */
    private static final int DF_TILE = 16;
    /** First round of permutations; a candidate clearly null or clearly significant after it is not permuted further. */
    static final int FIRST_PERMUTATIONS = 49;
    /** Permutations for a candidate that survives the first round. */
    static final int FULL_PERMUTATIONS = 199;
    /** Moment-matched p above this after the first round is clearly null. */
    static final double CLEARLY_NULL_P = 0.2;
    /**
     * Moment-matched p below this after the first round is clearly significant: more permutations would refine a
     * p-value that no decision depends on.
     */
    static final double CLEARLY_SIGNIFICANT_P = 1e-6;
    /** Reference rows used for the effect size (a sample keeps it cheap on large sets). */
    static final int EFFECT_REFERENCE_SAMPLE = 2_000;

    private final float[][] answers;
    private final float[][] prompts;
    private final double[] totalRawPrompt;
    private final double traceAnswers;
    private final double tracePrompts;
    private final double[][] promptFeatures;
    private final float[][] residuals;
    private final int[] strata;
    /** Per stratum: the sum of the (raw) answers and the row count, for leave-candidate-out stratum means. */
    private final double[][] stratumSums;
    private final int[] stratumCounts;
    private final float[][] rawAnswers;
    private final double traceSigma;
    private final double effectiveDf;
    private final Ridge.Accumulator ridge;
    private final double lambda;
    private final double[] totalResidual;
    private final double[] totalAnswer;
    private final double[] totalPrompt;
    /**
     * The sum of the answers with the prompt echo removed, the rows {@link #scopeSums} adds up. (Not
     * {@link #totalAnswer}, which sums the raw answers.) Final, computed in the constructor: scope sums are computed
     * on parallel screening threads.
     */
    private final double[] totalEchoFreeAnswer;
    /**
     * Sums per scope. Screens run in parallel and read these on every screen: a concurrent map, whose reads take no
     * lock (a synchronized method here kept the screening threads spinning on its monitor).
     */
    private final Map<Candidate.Scope, double[][]> scopeSums = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param answers one L2-normalized answer vector per answered row
     * @param prompts the prompt vector of each of those rows
     */
    DependenceTest(float[][] answers, float[][] prompts, SplittableRandom random) {
        int m = answers.length;
        this.answers = withoutPromptEcho(answers, prompts);
        PrincipalComponents pca = PrincipalComponents.fit(prompts, PROMPT_COMPONENTS,
                PrincipalComponents.DEFAULT_SAMPLE, random.split());
        promptFeatures = new double[m][];
        float[][] reduced = new float[m][];
        // A repeated prompt has one vector object (the embedder's deduplication): project it once. Nothing below
        // writes into these rows.
        Map<float[], double[]> projected = new IdentityHashMap<>();
        Map<float[], float[]> reducedOf = new IdentityHashMap<>();
        for (int i = 0; i < m; i++) {
            float[] prompt = prompts[i];
            double[] f = projected.get(prompt);
            if (f == null) {
                f = pca.project(prompt);
                projected.put(prompt, f);
                reducedOf.put(prompt, toFloat(f));
            }
            promptFeatures[i] = f;
            reduced[i] = reducedOf.get(prompt);
        }
        int k = Math.max(1, Math.min(MAX_STRATA, m / ROWS_PER_STRATUM));
        strata = KMeans.cluster(reduced, k, KMeans.DEFAULT_ITERATIONS, random.split());
        residuals = stratumResiduals(answers, strata, k);
        rawAnswers = answers;
        stratumSums = new double[k][answers[0].length];
        stratumCounts = new int[k];
        for (int i = 0; i < m; i++) {
            Vectors.addInPlace(stratumSums[strata[i]], answers[i]);
            stratumCounts[strata[i]]++;
        }
        totalResidual = Vectors.sumOfRows(residuals);
        totalAnswer = Vectors.sumOfRows(answers);
        totalEchoFreeAnswer = Vectors.sumOfRows(this.answers);
        totalPrompt = new double[promptFeatures[0].length];
        for (double[] x : promptFeatures) {
            Vectors.addInPlace(totalPrompt, x, 1);
        }
        double sq = 0;
        for (float[] r : residuals) {
            sq += Vectors.dot(r, r);
        }
        traceSigma = sq / Math.max(1, m - k);
        effectiveDf = effectiveDf(residuals, random.split());
        ridge = Ridge.Accumulator.of(promptFeatures, this.answers);
        this.prompts = prompts;
        totalRawPrompt = Vectors.sumOfRows(prompts);
        traceAnswers = trace(this.answers, totalAnswer);
        tracePrompts = trace(prompts, totalRawPrompt);
        lambda = Math.max(1e-6, RIDGE_LAMBDA_PER_ROW * m);
    }

    int rows() {
        return answers.length;
    }

    int strataCount() {
        int max = 0;
        for (int s : strata) {
            max = Math.max(max, s + 1);
        }
        return max;
    }

    double effectiveDf() {
        return effectiveDf;
    }

    /**
     * @param ratio  squared distance over its null expectation (about 1 under the null)
     * @param pValue scaled chi-square tail
     * @param delta  candidate's mean residual minus the rest's
     */
    record Screen(double ratio, double pValue, double[] delta, double answerShift, double promptShift,
                  double answerNoise, double promptNoise, double shiftCosine) {
    }

    Screen screen(Candidate c) {
        double[] scopeSum = c.scope() == null ? totalResidual : scopeSums(c.scope())[0];
        int scopeSize = c.scope() == null ? rows() : c.scope().rows().length;
        int s = c.support();
        int r = scopeSize - s;
        double[] sum = new double[scopeSum.length];
        for (int i : c.rows()) {
            Vectors.addInPlace(sum, residuals[i]);
        }
        double[] delta = new double[sum.length];
        for (int t = 0; t < sum.length; t++) {
            delta[t] = sum[t] / s - (scopeSum[t] - sum[t]) / r;
        }
        return screen(c, delta, 1.0 / s + 1.0 / r);
    }

    /**
     * The screen of a candidate whose rows fill the prompt strata they fall in (see {@link #dominatesItsStrata}),
     * with stratum means computed without its rows; null for any other candidate, which {@link #screen} serves.
     */
    Screen screenLeavingOut(Candidate c) {
        if (c.scope() != null || !dominatesItsStrata(c.rows())) {
            return null;
        }
        double[] factor = new double[1];
        double[] delta = leaveOutDelta(c.rows(), factor);
        return Double.isInfinite(factor[0]) ? null : screen(c, delta, factor[0]);
    }

    private Screen screen(Candidate c, double[] delta, double varianceFactor) {
        int scopeSize = c.scope() == null ? rows() : c.scope().rows().length;
        int s = c.support();
        int r = scopeSize - s;
        double expected = traceSigma * varianceFactor;
        double ratio = expected > 0 ? Vectors.squaredNorm(delta) / expected : 0;
        double p = PermutationTest.chiSquareUpperTail(ratio * effectiveDf, effectiveDf);
        double[][] raw = c.scope() == null ? null : scopeSums(c.scope());
        double[] sy = new double[totalAnswer.length];
        double[] sx = new double[prompts[0].length];
        for (int i : c.rows()) {
            Vectors.addInPlace(sy, answers[i]);
            Vectors.addInPlace(sx, prompts[i]);
        }
        double[] ty = raw == null ? totalAnswer : raw[1];
        double[] tx = raw == null ? totalRawPrompt : raw[3];
        double dy = 0;
        double dx = 0;
        double dxy = 0;
        for (int t = 0; t < sy.length; t++) {
            double a = sy[t] / s - (ty[t] - sy[t]) / r;
            double b = sx[t] / s - (tx[t] - sx[t]) / r;
            dy += a * a;
            dx += b * b;
            dxy += a * b;
        }
        double f = 1.0 / s + 1.0 / r;
        return new Screen(ratio, Math.max(Double.MIN_NORMAL, Double.isNaN(p) ? 1 : p), delta, dy, dx,
                traceAnswers * f, tracePrompts * f, dx > 0 && dy > 0 ? dxy / Math.sqrt(dx * dy) : 0);
    }

    /**
     * @param observed     squared distance of mean held-out residuals
     * @param z            against the permutation null
     * @param pPermutation the plain permutation p-value
     * @param pValue       moment-matched p-value (finer than 1 / (1 + permutations))
     * @param permutations how many were drawn
     * @param model        the prompt-to-answer map fitted without the candidate's rows
     * @param delta        the candidate's mean residual minus the rest's, under that map
     */
    record Confirmation(double observed, double z, double pPermutation, double pValue, int permutations,
                        Ridge.Model model, double[] delta) {
    }

    Confirmation confirm(Candidate c, SplittableRandom random) {
        int[] scope = scopeRows(c);
        double[][] sums = c.scope() == null ? new double[][] {totalResidual, totalAnswer, totalPrompt}
                : scopeSums(c.scope());
        Ridge.Model model = ridge.fitWithout(c.rows(), lambda);
        int[] localStrata = new int[scope.length];
        for (int k = 0; k < scope.length; k++) {
            localStrata[k] = strata[scope[k]];
        }
        // The smaller side of the split is the one permuted and summed: the candidate's rows, or the rest of its scope.
        boolean candidateSide = c.support() * 2 <= scope.length;
        int[] candidatePositions = positionsIn(scope, c.rows());
        int[] group = candidateSide ? candidatePositions : complement(range(scope.length), candidatePositions);
        HeldOutDistance statistic = new HeldOutDistance(scope, model, sums[1], sums[2], c.support(), candidateSide);
        PermutationTest.Result first = PermutationTest.testSubset(scope.length, group, localStrata, statistic,
                FIRST_PERMUTATIONS, random.split());
        PermutationTest.Result result = first;
        double firstP = PermutationTest.momentMatchedPValue(first);
        if (firstP <= CLEARLY_NULL_P && firstP >= CLEARLY_SIGNIFICANT_P) {
            result = PermutationTest.testSubset(scope.length, group, localStrata, statistic, FULL_PERMUTATIONS,
                    random.split());
        }
        return new Confirmation(result.observed(), result.z(), result.pValue(),
                PermutationTest.momentMatchedPValue(result), result.permutations(), model, statistic.delta(group));
    }

    /**
     * Standardized mean difference of held-out residuals projected on the direction between the groups, cross-fitted
     * (the direction from one half of the rows, measured on the other half and vice versa), so that noise in many
     * dimensions does not inflate it.
     */
    double effectSize(Candidate c, Ridge.Model model, SplittableRandom random) {
        int[] scope = scopeRows(c);
        int[] rest = complement(scope, c.rows());
        if (rest.length > EFFECT_REFERENCE_SAMPLE) {
            rest = sample(rest, EFFECT_REFERENCE_SAMPLE, random);
        }
        double[][] a = heldOutResiduals(c.rows(), model);
        double[][] b = heldOutResiduals(rest, model);
        if (a.length < 4 || b.length < 4) {
            return crossDirectionD(a, b, a, b);
        }
        double[][][] ha = halves(a);
        double[][][] hb = halves(b);
        return 0.5 * (crossDirectionD(ha[0], hb[0], ha[1], hb[1]) + crossDirectionD(ha[1], hb[1], ha[0], hb[0]));
    }

    /** Mean pairwise similarity (dot product) of the rows' answers: how alike they are; 0 for fewer than two. */
    double cohesion(int[] rows) {
        if (rows.length < 2) {
            return 0;
        }
        double[] sum = new double[answers[0].length];
        double self = 0;
        for (int i : rows) {
            Vectors.addInPlace(sum, answers[i]);
            self += Vectors.dot(answers[i], answers[i]);
        }
        return (Vectors.squaredNorm(sum) - self) / ((double) rows.length * (rows.length - 1));
    }

    /** Residual answers (after the prompt strata) of rows, for contrasts in summaries. */
    float[] residual(int row) {
        return residuals[row];
    }

    float[] answer(int row) {
        return answers[row];
    }

    private double[][] heldOutResiduals(int[] rows, Ridge.Model model) {
        double[][] out = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            double[] pred = model.predict(promptFeatures[rows[k]]);
            double[] r = new double[pred.length];
            float[] y = answers[rows[k]];
            for (int t = 0; t < r.length; t++) {
                r[t] = y[t] - pred[t];
            }
            out[k] = r;
        }
        return out;
    }

    private static double crossDirectionD(double[][] dirA, double[][] dirB, double[][] testA, double[][] testB) {
        double[] u = Vectors.subtract(mean(dirA), mean(dirB));
        if (Vectors.normalizeInPlace(u) == 0) {
            return 0;
        }
        double[] pa = new double[testA.length];
        double[] pb = new double[testB.length];
        for (int i = 0; i < pa.length; i++) {
            pa[i] = Vectors.dot(u, testA[i]);
        }
        for (int i = 0; i < pb.length; i++) {
            pb[i] = Vectors.dot(u, testB[i]);
        }
        double d = EffectSize.cohensD(pa, pb);
        return Double.isFinite(d) ? d : 0;
    }

    private static double[] mean(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] r : rows) {
            Vectors.addInPlace(m, r, 1);
        }
        Vectors.scaleInPlace(m, 1.0 / rows.length);
        return m;
    }

    private static double[][][] halves(double[][] rows) {
        double[][] even = new double[(rows.length + 1) / 2][];
        double[][] odd = new double[rows.length / 2][];
        for (int i = 0; i < rows.length; i++) {
            if (i % 2 == 0) {
                even[i / 2] = rows[i];
            } else {
                odd[i / 2] = rows[i];
            }
        }
        return new double[][][] {even, odd};
    }

    /**
     * Squared distance between the mean held-out residuals of the candidate's side of a split of its scope and the
     * rest's, from running sums over the smaller side (whose positions the permutation test draws).
     */
    private final class HeldOutDistance implements PermutationTest.SubsetStatistic {
        private final int[] scope;
        private final Ridge.Model model;
        private final double[] scopeAnswers;
        private final double[] scopePrompts;
        private final int support;
        private final boolean candidateSide;

        /**
         * @param candidateSide whether the positions given are the candidate's side (else they are the rest's,
         *                      the smaller side when the candidate holds most of its scope)
         */
        HeldOutDistance(int[] scope, Ridge.Model model, double[] scopeAnswers, double[] scopePrompts, int support,
                        boolean candidateSide) {
            this.scope = scope;
            this.model = model;
            this.scopeAnswers = scopeAnswers;
            this.scopePrompts = scopePrompts;
            this.support = support;
            this.candidateSide = candidateSide;
        }

        @Override
        public double compute(int[] positions) {
            return Vectors.squaredNorm(delta(positions));
        }

        double[] delta(int[] positions) {
            int n = scope.length;
            double[] sy = new double[scopeAnswers.length];
            double[] sx = new double[scopePrompts.length];
            for (int p : positions) {
                Vectors.addInPlace(sy, answers[scope[p]]);
                Vectors.addInPlace(sx, promptFeatures[scope[p]], 1);
            }
            if (!candidateSide) {
                sy = Vectors.subtract(scopeAnswers, sy);
                sx = Vectors.subtract(scopePrompts, sx);
            }
            int s = support;
            int r = n - s;
            double[] dx = new double[sx.length];
            for (int f = 0; f < dx.length; f++) {
                dx[f] = sx[f] / s - (scopePrompts[f] - sx[f]) / r;
            }
            double[] delta = new double[sy.length];
            for (int t = 0; t < delta.length; t++) {
                delta[t] = sy[t] / s - (scopeAnswers[t] - sy[t]) / r;
            }
            double[][] w = model.weights();
            for (int f = 0; f < dx.length; f++) {
                if (dx[f] != 0) {
                    Vectors.addInPlace(delta, w[f], -dx[f]);
                }
            }
            return delta;
        }
    }

    private int[] scopeRows(Candidate c) {
        if (c.scope() != null) {
            return c.scope().rows();
        }
        int[] all = new int[rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /**
     * True when most of the rows lie in strata they make up at least half of: only then would the stratum means
     * absorb their switch. Rows spread over many strata keep the plain residuals, whose null is better estimated.
     */
    boolean dominatesItsStrata(int[] rows) {
        // Called for every candidate: count per stratum in a plain array, not a boxed map.
        int[] counts = new int[stratumCounts.length];
        for (int i : rows) {
            counts[strata[i]]++;
        }
        int inDominated = 0;
        for (int st = 0; st < counts.length; st++) {
            if (counts[st] > 0 && 2 * counts[st] >= stratumCounts[st]) {
                inDominated += counts[st];
            }
        }
        return 2 * inDominated >= rows.length;
    }

    /**
     * The candidate's mean answer residual against stratum means computed <i>without its rows</i>, minus the rest's
     * (which is zero: the rest's residuals sum to zero in every stratum under those means). A prefix that dominates
     * the prompt embedding puts its rows in a stratum of their own, and a stratum mean that included them would
     * absorb the very switch being tested. A stratum made only of candidate rows has nothing to compare with and is
     * left out (comparing it with all other rows would let any topic that fills a stratum pass the screen).
     */
    private double[] leaveOutDelta(int[] rows, double[] varianceFactor) {
        int d = rawAnswers[0].length;
        java.util.Map<Integer, double[]> candSums = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> candCounts = new java.util.HashMap<>();
        for (int i : rows) {
            Vectors.addInPlace(candSums.computeIfAbsent(strata[i], x -> new double[d]), rawAnswers[i]);
            candCounts.merge(strata[i], 1, Integer::sum);
        }
        double[] sum = new double[d];
        int used = 0;
        for (java.util.Map.Entry<Integer, double[]> e : candSums.entrySet()) {
            int st = e.getKey();
            double[] cs = e.getValue();
            int cc = candCounts.get(st);
            int others = stratumCounts[st] - cc;
            if (others == 0) {
                continue; // no row of these prompts without the feature: nothing to compare with
            }
            used += cc;
            for (int t = 0; t < d; t++) {
                sum[t] += cs[t] - cc * (stratumSums[st][t] - cs[t]) / others;
            }
        }
        Vectors.scaleInPlace(sum, used == 0 ? 0 : 1.0 / used);
        // Null variance of that mean over trace(Sigma): 1/used from the candidate's own rows, plus each stratum
        // mean's own noise, weighted by the share of the candidate's rows it serves: (c_s/used)^2 / (n_s - c_s).
        double factor = used == 0 ? Double.POSITIVE_INFINITY : 1.0 / used;
        for (java.util.Map.Entry<Integer, Integer> e : candCounts.entrySet()) {
            int others = stratumCounts[e.getKey()] - e.getValue();
            if (others > 0 && used > 0) {
                double w = e.getValue() / (double) used;
                factor += w * w / others;
            }
        }
        varianceFactor[0] = factor;
        return sum;
    }

    /**
     * Computes the sums of these scopes ahead of the screens, each scope on one thread. Screens running in parallel
     * would otherwise meet at a scope another thread is still summing and wait for it, spinning on the map's lock.
     */
    void prepareScopes(java.util.Collection<Candidate.Scope> scopes) {
        scopes.parallelStream().forEach(this::scopeSums);
    }

    /**
     * Residual, answer, prompt-feature and prompt sums over a scope, computed once per scope (screens run in
     * parallel). A scope of more than half the rows is summed as the totals minus the rows outside it: most scopes of
     * a large dataset are variables defined on nearly every row, and summing their complement halved the work.
     */
    private double[][] scopeSums(Candidate.Scope scope) {
        return scopeSums.computeIfAbsent(scope, s -> {
            boolean complement = s.rows().length * 2 > rows();
            int[] summed = complement ? complement(range(rows()), s.rows()) : s.rows();
            double[] e = new double[residuals[0].length];
            double[] y = new double[answers[0].length];
            double[] x = new double[promptFeatures[0].length];
            double[] raw = new double[prompts[0].length];
            for (int i : summed) {
                Vectors.addInPlace(e, residuals[i]);
                Vectors.addInPlace(y, answers[i]);
                Vectors.addInPlace(x, promptFeatures[i], 1);
                Vectors.addInPlace(raw, prompts[i]);
            }
            if (complement) {
                e = Vectors.subtract(totalResidual, e);
                y = Vectors.subtract(totalEchoFreeAnswer, y);
                x = Vectors.subtract(totalPrompt, x);
                raw = Vectors.subtract(totalRawPrompt, raw);
            }
            return new double[][] {e, y, x, raw};
        });
    }

    /** Positions within ascending {@code scope} of the ascending {@code rows} (all of which are in scope). */
    static int[] positionsIn(int[] scope, int[] rows) {
        int[] out = new int[rows.length];
        int k = 0;
        for (int p = 0; p < scope.length && k < rows.length; p++) {
            if (scope[p] == rows[k]) {
                out[k++] = p;
            }
        }
        if (k != rows.length) {
            throw new IllegalArgumentException("candidate rows must lie in its scope");
        }
        return out;
    }

    static int[] complement(int[] scope, int[] rows) {
        int[] out = new int[scope.length - rows.length];
        int k = 0;
        int o = 0;
        for (int p : scope) {
            if (k < rows.length && rows[k] == p) {
                k++;
            } else if (o < out.length) {
                out[o++] = p;
            }
        }
        return out;
    }

    /** {@code size} of the rows drawn without replacement (a partial shuffle), in ascending order. */
    static int[] sample(int[] rows, int size, SplittableRandom random) {
        int[] copy = rows.clone();
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(copy, size);
        java.util.Arrays.sort(out);
        return out;
    }

    /**
     * Answers minus alpha times their prompt (alpha: the least-squares slope of answer on prompt over all rows).
     * Prompts and answers share one embedding space and an answer is largely about what its prompt names, so this
     * removes the part of a topic word's answer shift that its prompt shift explains, including topics no other row
     * shares; a single scalar cannot learn a trigger's switch.
     */
    static float[][] withoutPromptEcho(float[][] y, float[][] x) {
        double[] my = Vectors.meanOfRows(y);
        double[] mx = Vectors.meanOfRows(x);
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            for (int t = 0; t < my.length; t++) {
                double dx = x[i][t] - mx[t];
                num += dx * (y[i][t] - my[t]);
                den += dx * dx;
            }
        }
        double alpha = den > 0 ? num / den : 0;
        float[][] out = new float[y.length][];
        for (int i = 0; i < y.length; i++) {
            float[] r = new float[my.length];
            for (int t = 0; t < r.length; t++) {
                r[t] = (float) (y[i][t] - alpha * x[i][t]);
            }
            out[i] = r;
        }
        return out;
    }

    private static float[][] stratumResiduals(float[][] y, int[] strata, int k) {
        int d = y[0].length;
        double[][] sums = new double[k][d];
        int[] counts = new int[k];
        for (int i = 0; i < y.length; i++) {
            Vectors.addInPlace(sums[strata[i]], y[i]);
            counts[strata[i]]++;
        }
        float[][] out = new float[y.length][d];
        for (int i = 0; i < y.length; i++) {
            double[] s = sums[strata[i]];
            double inv = 1.0 / counts[strata[i]];
            for (int t = 0; t < d; t++) {
                out[i][t] = (float) (y[i][t] - s[t] * inv);
            }
        }
        return out;
    }

    /** trace(Sigma)^2 / trace(Sigma^2) of the residuals (the number of equally strong dimensions they span). */
    private static double effectiveDf(float[][] e, SplittableRandom random) {
        int n = e.length;
        int d = e[0].length;
        int[] pick = n <= DF_SAMPLE ? null : sample(range(n), DF_SAMPLE, random);
        int count = pick == null ? n : pick.length;
        double[][] cov = new double[d][d];
        // A band of DF_TILE rows of the covariance at a time, so that the rows being summed stay in cache while
        // every sample passes; each entry is summed over the samples in the same order as without bands.
        for (int a0 = 0; a0 < d; a0 += DF_TILE) {
            int a1 = Math.min(d, a0 + DF_TILE);
            for (int k = 0; k < count; k++) {
                float[] v = e[pick == null ? k : pick[k]];
                for (int a = a0; a < a1; a++) {
                    double va = v[a];
                    if (va == 0) {
                        continue;
                    }
                    double[] row = cov[a];
                    for (int b = a; b < d; b++) {
                        row[b] += va * v[b];
                    }
                }
            }
        }
        double trace = 0;
        double frob = 0;
        for (int a = 0; a < d; a++) {
            trace += cov[a][a];
            for (int b = a; b < d; b++) {
                frob += (a == b ? 1 : 2) * cov[a][b] * cov[a][b];
            }
        }
        return frob > 0 ? Math.max(1, trace * trace / frob) : 1;
    }

    /** Total variance (trace of the covariance) of rows with the given sum. */
    private static double trace(float[][] rows, double[] sum) {
        double sq = 0;
        for (float[] r : rows) {
            sq += Vectors.dot(r, r);
        }
        return Math.max(0, (sq - Vectors.squaredNorm(sum) / rows.length) / Math.max(1, rows.length - 1));
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
