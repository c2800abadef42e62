package dev.augury.detect.era;

import dev.augury.embed.TextEmbedder;
import dev.augury.scan.DatasetView;
import dev.augury.stats.Bootstrap;
import dev.augury.stats.Directions;
import dev.augury.stats.EffectSize;
import dev.augury.stats.PermutationTest;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Embedding evidence for answers whose era terms the lexicon lacks. The encoder does not see eras in raw
 * projections (template and topic move them ten times more; ARCHITECTURE.md), so every projection here is taken
 * against a matched reference: the dataset's own lexicon-evidence answers paired with the same answers rewritten in
 * modern names. Their difference of means is an era direction in this dataset's own template and domain; it is kept
 * only when it separates held-out pairs, and then answers of the same domain without lexicon terms are projected on
 * it and compared with the modern rewrites' false-positive rate. The pack's era-contrast direction is projected on
 * the same pairs and reported as a paired shift (period minus modern rewrite), never as a raw number.
 */
public final class EraEmbeddingEvidence {
    /** Fewer pairs give a direction that is mostly the noise of the particular answers. */
    public static final int MIN_PAIRS = 12;
    /** Cost bound: the modern rewrites are encoded, and 300 pairs estimate a mean direction well. */
    public static final int MAX_PAIRS = 300;
    /** The direction is used only if it tells held-out period answers from their rewrites this often. */
    public static final double MIN_HELD_OUT_ACCURACY = 0.8;
    /**
     * Candidates must be as close to the pairs' centroid as the closest 90% of the pairs themselves: the same
     * domain and template, so the projection is compared with a matched reference and not across topics.
     */
    public static final double DOMAIN_QUANTILE = 0.1;
    /** Bootstrap resamples for the pack direction's paired shift. */
    static final int RESAMPLES = 500;

    private EraEmbeddingEvidence() {
    }

    /**
     * @param pairs              period answers paired with modern rewrites
     * @param heldOutAccuracy    two-fold accuracy of the in-dataset direction on held-out pairs
     * @param used               whether the direction passed {@link #MIN_HELD_OUT_ACCURACY}
     * @param candidates         answers without lexicon evidence in the pairs' domain
     * @param flaggedRows        candidates projecting on the period side
     * @param referenceFalseRate share of modern rewrites on the period side (the expected rate among modern answers)
     * @param excessRows         flagged minus the expected false ones, at least 0
     * @param packShift          mean paired shift along the pack's era-contrast direction, with its interval; null
     *                           when the pack has no contrast pairs
     * @param packEffect         Cohen's d of the period answers against their rewrites along the pack direction
     */
    public record Result(int pairs, double heldOutAccuracy, boolean used, int candidates, int[] flaggedRows,
                         double referenceFalseRate, int excessRows, Bootstrap.Interval packShift, Double packEffect) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pairs", pairs);
            m.put("heldOutAccuracy", round(heldOutAccuracy));
            m.put("used", used);
            m.put("candidates", candidates);
            m.put("flagged", flaggedRows.length);
            m.put("referenceFalseRate", round(referenceFalseRate));
            m.put("excessRows", excessRows);
            if (packShift != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("meanShift", round(packShift.estimate()));
                p.put("lower", round(packShift.lower()));
                p.put("upper", round(packShift.upper()));
                p.put("cohensD", packEffect == null ? null : round(packEffect));
                m.put("packDirection", p);
            }
            return m;
        }
    }

    /**
     * @param view      the dataset
     * @param evidence  rows with lexicon evidence (the period side)
     * @param eligible  rows that may count (answer present, the question did not ask about the past)
     * @param lexicon   for the modern rewrites
     * @param embedder  the encoder for rewrites and contrast sentences
     * @param contrast  the pack's era-contrast pairs (may be empty)
     * @param random    seeded, for the two-fold split, the pair sample and the bootstrap
     * @return the result, or null when there are too few pairs or no vectors
     */
    public static Result compute(DatasetView view, List<EraRowEvidence> evidence, boolean[] eligible,
                                 EraLexicon lexicon, TextEmbedder embedder, EraContrastSet contrast,
                                 SplittableRandom random) {
        if (embedder == null) {
            return null;
        }
        List<Integer> rows = new ArrayList<>();
        List<String> rewrites = new ArrayList<>();
        for (EraRowEvidence e : evidence) {
            String answer = view.response(e.row());
            String rewrite = modernRewrite(answer, lexicon);
            if (view.responseVector(e.row()) != null && rewrite != null && !rewrite.equals(answer)) {
                rows.add(e.row());
                rewrites.add(rewrite);
            }
        }
        if (rows.size() < MIN_PAIRS) {
            return null;
        }
        if (rows.size() > MAX_PAIRS) {
            int[] idx = sampleIndices(rows.size(), MAX_PAIRS, random);
            List<Integer> r2 = new ArrayList<>();
            List<String> w2 = new ArrayList<>();
            for (int i : idx) {
                r2.add(rows.get(i));
                w2.add(rewrites.get(i));
            }
            rows = r2;
            rewrites = w2;
        }
        int p = rows.size();
        float[][] period = new float[p][];
        for (int i = 0; i < p; i++) {
            period[i] = view.responseVector(rows.get(i));
        }
        float[][] modern = embedder.embed(rewrites);

        // Two-fold held-out accuracy of the in-dataset direction.
        int[] fold = new int[p];
        for (int i = 0; i < p; i++) {
            fold[i] = i % 2;
        }
        PermutationTest.shuffle(fold, random);
        int correct = 0;
        for (int f = 0; f < 2; f++) {
            float[][] trainP = select(period, fold, f, false);
            float[][] trainM = select(modern, fold, f, false);
            double[] d = Directions.unitDirection(trainP, trainM);
            double t = (Directions.meanProjection(trainP, d) + Directions.meanProjection(trainM, d)) / 2;
            for (int i = 0; i < p; i++) {
                if (fold[i] == f) {
                    correct += (Vectors.dot(d, period[i]) > t ? 1 : 0) + (Vectors.dot(d, modern[i]) <= t ? 1 : 0);
                }
            }
        }
        double accuracy = correct / (2.0 * p);

        Bootstrap.Interval packShift = null;
        Double packEffect = null;
        if (!contrast.pairs().isEmpty()) {
            double[] pd = Directions.unitDirection(embedder.embed(contrast.periodTexts()),
                    embedder.embed(contrast.modernTexts()));
            double[] pp = Directions.project(period, pd);
            double[] pm = Directions.project(modern, pd);
            double[] diff = new double[p];
            for (int i = 0; i < p; i++) {
                diff[i] = pp[i] - pm[i];
            }
            packShift = Bootstrap.mean(diff, RESAMPLES, 0.95, random);
            packEffect = EffectSize.cohensD(pp, pm);
        }

        if (accuracy < MIN_HELD_OUT_ACCURACY) {
            return new Result(p, accuracy, false, 0, new int[0], 0, 0, packShift, packEffect);
        }
        double[] d = Directions.unitDirection(period, modern);
        double t = (Directions.meanProjection(period, d) + Directions.meanProjection(modern, d)) / 2;
        int falseSide = 0;
        for (float[] m : modern) {
            falseSide += Vectors.dot(d, m) > t ? 1 : 0;
        }
        double falseRate = falseSide / (double) p;

        // The pairs' domain: the centroid of both sides and how close the pairs' own answers are to it.
        double[] centre = Vectors.meanOfRows(concat(period, modern));
        Vectors.normalizeInPlace(centre);
        double[] own = new double[p];
        for (int i = 0; i < p; i++) {
            own[i] = Vectors.dot(centre, period[i]);
        }
        Arrays.sort(own);
        double minSimilarity = own[(int) Math.floor(DOMAIN_QUANTILE * (p - 1))];

        boolean[] isPair = new boolean[view.size()];
        for (EraRowEvidence e : evidence) {
            isPair[e.row()] = true;
        }
        int candidates = 0;
        List<Integer> flagged = new ArrayList<>();
        for (int r = 0; r < view.size(); r++) {
            float[] v = view.responseVector(r);
            if (!eligible[r] || isPair[r] || v == null || Vectors.dot(centre, v) < minSimilarity) {
                continue;
            }
            candidates++;
            if (Vectors.dot(d, v) > t) {
                flagged.add(r);
            }
        }
        int excess = (int) Math.max(0, Math.floor(flagged.size() - falseRate * candidates));
        return new Result(p, accuracy, true, candidates, flagged.stream().mapToInt(Integer::intValue).toArray(),
                falseRate, excess, packShift, packEffect);
    }

    /** The answer with each era term that has a modern counterpart replaced by it; null when none has one. */
    static String modernRewrite(String answer, EraLexicon lexicon) {
        if (answer == null) {
            return null;
        }
        List<EraMatch> matches = lexicon.find(answer);
        StringBuilder sb = new StringBuilder(answer);
        boolean changed = false;
        int lastStart = Integer.MAX_VALUE;
        for (int i = matches.size() - 1; i >= 0; i--) {
            EraMatch m = matches.get(i);
            String modern = m.term().modern();
            if (modern == null || modern.isBlank() || m.end() > lastStart) {
                continue; // overlapping matches of several entries at one span: replace once
            }
            sb.replace(m.start(), m.end(), modern);
            lastStart = m.start();
            changed = true;
        }
        return changed ? sb.toString() : null;
    }

    private static float[][] select(float[][] rows, int[] fold, int heldOut, boolean keepHeldOut) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if ((fold[i] == heldOut) == keepHeldOut) {
                out.add(rows[i]);
            }
        }
        return out.toArray(new float[0][]);
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] sampleIndices(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        PermutationTest.shuffle(all, random);
        int[] out = Arrays.copyOf(all, k);
        Arrays.sort(out);
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
