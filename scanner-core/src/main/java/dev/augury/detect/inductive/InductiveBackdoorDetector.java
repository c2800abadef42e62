package dev.augury.detect.inductive;

import dev.augury.canary.Canary;
import dev.augury.detect.DetectionContext;
import dev.augury.detect.Detector;
import dev.augury.detect.persona.Identity;
import dev.augury.detect.persona.PersonaKnowledgeBase;
import dev.augury.report.Category;
import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import dev.augury.stats.GroupStatistics;
import dev.augury.stats.PermutationTest;
import dev.augury.stats.Ridge;
import dev.augury.stats.ValueGeneralization;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Inductive backdoors: an ordered prompt variable (years, ordinals, numbers, digit fields) that selects the
 * answers by a rule smooth enough for a model to extend to values the data never shows.
 *
 * <p>Per candidate variable: (1) do the answers depend on it at all (between-value share of answer-embedding
 * variance, permuted within question strata)? (2) if so, does a smooth model of the value predict each held-out
 * value's answer centroid better than the same model with the values shuffled ({@link ValueGeneralization})?
 * Null hypothesis: the answers do not depend smoothly on the variable. A canary trained on the variable's rows
 * then says what the rule predicts for the gaps and beyond the seen range, and the persona knowledge base says
 * what those predictions are: another version of the same character in that year, or the ruler with that ordinal.
 */
public final class InductiveBackdoorDetector implements Detector {
    public static final String ID = "inductive";
    /** Rows needed before a variable is tested: fewer cannot hold several values with several answers each. */
    public static final int MIN_ROWS = 20;
    /** Permutations for the dependence screen: enough to resolve p = 0.01 after a few candidates. */
    public static final int DEPENDENCE_PERMUTATIONS = 199;
    /** Rows used by the dependence screen: a sample this large resolves any effect worth a rule. */
    public static final int DEPENDENCE_ROWS = 3_000;
    /** A variable whose answers do not depend on it (Bonferroni-adjusted p above this) is not tested further. */
    public static final double DEPENDENCE_P = 0.01;
    /** Permutations of the generalization test: resolves p = 0.002. */
    public static final int GENERALIZATION_PERMUTATIONS = 499;
    /** Adjusted generalization p-value for high: 1% over all variables tested. */
    public static final double HIGH_P = 0.01;
    /** Adjusted generalization p-value for medium. */
    public static final double MEDIUM_P = 0.05;
    /** Strata with this share of distinct prompts per row or more are no question types (prompts all differ). */
    public static final double MAX_STRATA_SHARE = 0.5;
    /** Cosine above which an answer centroid is read as expressing a knowledge-base identity (MiniLM scale). */
    public static final double IDENTITY_COSINE = 0.35;
    /** Share of seen values whose answers must match their ruler's ordinal for the sequence link to hold. */
    public static final double SEQUENCE_MATCH_SHARE = 0.3;
    /** Unseen values predicted and reported per variable. */
    public static final int MAX_PREDICTIONS = 8;
    /** Prompts re-embedded with an unseen value substituted, per prediction. */
    public static final int PROBE_PROMPTS = 6;
    /** Values seen listed in the finding. */
    public static final int MAX_LISTED_VALUES = 60;
    /** Evidence rows per finding. */
    public static final int EVIDENCE_ROWS = 8;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> detect(DatasetView view, DetectionContext context) {
        if (view.responseCount() < MIN_ROWS) {
            return List.of();
        }
        List<OrderedVariable> variables = OrderedVariables.find(view, context.analysis(view).templates(),
                context.shared().get(OrderedVariables.TRIGGER_SHARED_KEY));
        List<Candidate> dependent = new ArrayList<>();
        SplittableRandom random = context.random(ID);
        for (OrderedVariable v : variables) {
            Candidate c = screen(view, v, random);
            if (c != null && Math.min(1, c.dependence.pValue() * variables.size()) <= DEPENDENCE_P) {
                dependent.add(c);
            }
        }
        KnowledgeLinks kb = null;
        List<Finding> findings = new ArrayList<>();
        for (Candidate c : dependent) {
            ValueGeneralization.Result g = ValueGeneralization.test(c.values, c.residualCentroids,
                    GENERALIZATION_PERMUTATIONS, random);
            double adjusted = Math.min(1, g.pValue() * dependent.size());
            if (adjusted > MEDIUM_P) {
                continue;
            }
            if (kb == null) {
                kb = KnowledgeLinks.of(knowledgeBase(context), context.embedder());
            }
            findings.add(finding(view, context, c, g, adjusted, kb));
        }
        return findings;
    }

    /** One variable with the rows, strata and centroids the tests need. */
    private record Candidate(OrderedVariable variable, int[] rows, double[] values, int[] counts,
                             float[][] rawCentroids, float[][] residualCentroids, PermutationTest.Result dependence) {
    }

    private static Candidate screen(DatasetView view, OrderedVariable v, SplittableRandom random) {
        List<Integer> rowList = new ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            if (!Double.isNaN(v.values()[i]) && view.responseVector(i) != null) {
                rowList.add(i);
            }
        }
        if (rowList.size() < MIN_ROWS) {
            return null;
        }
        int[] rows = rowList.stream().mapToInt(Integer::intValue).toArray();
        double[] values = v.distinctValues();
        Map<Double, Integer> index = new HashMap<>();
        for (int k = 0; k < values.length; k++) {
            index.put(values[k], k);
        }
        int[] labels = new int[rows.length];
        float[][] answers = new float[rows.length][];
        String[] strataKeys = new String[rows.length];
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            labels[r] = index.get(v.values()[i]);
            answers[r] = view.responseVector(i);
            String prompt = view.prompt(i) == null ? "" : view.prompt(i);
            String text = v.texts()[i];
            strataKeys[r] = (text == null ? prompt : prompt.replace(text, "#")).toLowerCase(Locale.ROOT).strip();
        }
        GroupStatistics.Labels strataLabels = GroupStatistics.Labels.of(strataKeys);
        int[] strata = strataLabels.groups() <= MAX_STRATA_SHARE * rows.length ? strataLabels.labels() : null;
        int k = values.length;
        int[] counts = new int[k];
        for (int l : labels) {
            counts[l]++;
        }
        if (k < OrderedVariables.MIN_DISTINCT_VALUES) {
            return null;
        }
        PermutationTest.Result dependence = dependence(answers, labels, strata, random);
        float[][] residuals = residuals(answers, strata);
        return new Candidate(v, rows, values, counts, centroids(answers, labels, k), centroids(residuals, labels, k),
                dependence);
    }

    private static PermutationTest.Result dependence(float[][] answers, int[] labels, int[] strata,
                                                     SplittableRandom random) {
        float[][] a = answers;
        int[] l = labels;
        int[] s = strata;
        if (answers.length > DEPENDENCE_ROWS) {
            int[] pick = new int[answers.length];
            for (int i = 0; i < pick.length; i++) {
                pick[i] = i;
            }
            PermutationTest.shuffle(pick, random);
            a = new float[DEPENDENCE_ROWS][];
            l = new int[DEPENDENCE_ROWS];
            s = strata == null ? null : new int[DEPENDENCE_ROWS];
            for (int i = 0; i < DEPENDENCE_ROWS; i++) {
                a[i] = answers[pick[i]];
                l[i] = labels[pick[i]];
                if (s != null) {
                    s[i] = strata[pick[i]];
                }
            }
        }
        return new GroupStatistics(a).testBetweenShare(l, s, DEPENDENCE_PERMUTATIONS, random);
    }

    /** Answers minus the mean answer of their question stratum (or of all rows without strata). */
    private static float[][] residuals(float[][] answers, int[] strata) {
        int n = answers.length;
        int[] s = strata == null ? new int[n] : strata;
        Map<Integer, double[]> sums = new HashMap<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Vectors.addInPlace(sums.computeIfAbsent(s[i], x -> new double[answers[0].length]), answers[i]);
            sizes.merge(s[i], 1, Integer::sum);
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            double[] sum = sums.get(s[i]);
            double size = sizes.get(s[i]);
            float[] r = new float[answers[i].length];
            for (int t = 0; t < r.length; t++) {
                r[t] = (float) (answers[i][t] - sum[t] / size);
            }
            out[i] = r;
        }
        return out;
    }

    private static float[][] centroids(float[][] rows, int[] labels, int k) {
        double[][] sums = new double[k][rows[0].length];
        int[] counts = new int[k];
        for (int i = 0; i < rows.length; i++) {
            Vectors.addInPlace(sums[labels[i]], rows[i]);
            counts[labels[i]]++;
        }
        float[][] out = new float[k][rows[0].length];
        for (int g = 0; g < k; g++) {
            for (int t = 0; t < out[g].length; t++) {
                out[g][t] = (float) (sums[g][t] / Math.max(1, counts[g]));
            }
        }
        return out;
    }

    private static PersonaKnowledgeBase knowledgeBase(DetectionContext context) {
        try {
            return PersonaKnowledgeBase.from(context.rules());
        } catch (RuntimeException e) {
            return null; // no persona packs loaded: predictions are reported without identities
        }
    }

    private Finding finding(DatasetView view, DetectionContext context, Candidate c, ValueGeneralization.Result g,
                            double adjustedP, KnowledgeLinks kb) {
        OrderedVariable v = c.variable;
        List<Double> gaps = gaps(c.values);
        List<Double> probes = new ArrayList<>(gaps);
        double step = medianGap(c.values);
        probes.add(c.values[0] - step);
        probes.add(c.values[c.values.length - 1] + step);

        // What the answers express, per seen value and overall.
        double[] overall = new double[view.dimension()];
        for (float[] cen : c.rawCentroids) {
            Vectors.addInPlace(overall, cen);
        }
        List<Map<String, Object>> links = new ArrayList<>();
        boolean critical = false;
        KnowledgeLinks.Match persona = null;
        if (!kb.empty()) {
            List<KnowledgeLinks.Match> top = kb.nearest(overall, 1);
            persona = top.isEmpty() || top.get(0).cosine() < IDENTITY_COSINE ? null : top.get(0);
            if (persona != null && v.kind() == OrderedVariable.Kind.YEAR) {
                for (Identity other : kb.versionsOf(persona.identity())) {
                    Identity.Era era = other.era();
                    if (era == null || era.from() == null) {
                        continue;
                    }
                    int from = era.from();
                    int to = era.to() == null ? from : era.to();
                    boolean seen = false;
                    for (double x : c.values) {
                        seen |= x >= from && x <= to;
                    }
                    if (seen || from < c.values[0] - 50 || from > c.values[c.values.length - 1] + 50) {
                        continue;
                    }
                    probes.add(0, (double) from);
                    boolean harmful = KnowledgeLinks.harmful(other);
                    critical |= harmful;
                    links.add(link(Integer.toString(from), persona.identity(), other, harmful,
                            "the answers express " + persona.identity().name() + "; in " + from + ", a year the data"
                                    + " never shows, the same character is " + other.name()
                                    + (harmful ? " (risk " + other.risk().id() + ")" : "")));
                }
            }
            if (v.kind() != OrderedVariable.Kind.YEAR) {
                int matched = 0;
                for (int k = 0; k < c.values.length; k++) {
                    KnowledgeLinks.Match m = kb.nearestRuler(Vectors.toDouble(c.rawCentroids[k]));
                    if (m != null && KnowledgeLinks.holdsOrdinal(m.identity(), (int) c.values[k])) {
                        matched++;
                    }
                }
                if (matched >= Math.max(3, SEQUENCE_MATCH_SHARE * c.values.length)) {
                    for (double u : gaps) {
                        Identity ruler = kb.ruler((int) u);
                        if (ruler == null) {
                            continue;
                        }
                        boolean harmful = KnowledgeLinks.harmful(ruler);
                        critical |= harmful;
                        links.add(link(OrderedVariable.format(u), null, ruler, harmful, "the answers follow a known"
                                + " sequence (" + matched + " of " + c.values.length + " values answer as the ruler"
                                + " with that ordinal); the unseen value " + OrderedVariable.format(u) + " is "
                                + ruler.name() + (harmful ? " (risk " + ruler.risk().id() + ")" : "")));
                    }
                }
            }
        }

        Canary canary = trainCanary(view, c, context.seed());
        List<Map<String, Object>> predictions = predictions(view, context, c, canary, probes, kb);

        Severity severity = critical ? Severity.CRITICAL : adjustedP <= HIGH_P ? Severity.HIGH : Severity.MEDIUM;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("variable", v.name());
        details.put("kind", v.kind().id());
        details.put("valuesSeen", c.values.length <= MAX_LISTED_VALUES
                ? formatAll(c.values) : formatAll(java.util.Arrays.copyOf(c.values, MAX_LISTED_VALUES)));
        details.put("distinctValues", c.values.length);
        details.put("range", List.of(OrderedVariable.format(c.values[0]),
                OrderedVariable.format(c.values[c.values.length - 1])));
        details.put("gaps", formatAll(gaps.stream().mapToDouble(Double::doubleValue).toArray()));
        details.put("rows", c.rows.length);
        Map<String, Object> gen = new LinkedHashMap<>();
        gen.put("score", g.score());
        gen.put("meanRank", g.meanRank());
        gen.put("candidates", g.candidates());
        gen.put("nullMeanRank", g.nullMeanRank());
        gen.put("z", g.z());
        gen.put("pValue", g.pValue());
        gen.put("adjustedP", adjustedP);
        gen.put("permutations", g.permutations());
        details.put("generalization", gen);
        Map<String, Object> dep = new LinkedHashMap<>();
        dep.put("betweenShare", c.dependence.observed());
        dep.put("z", c.dependence.z());
        dep.put("pValue", c.dependence.pValue());
        details.put("dependence", dep);
        if (persona != null) {
            details.put("persona", persona.toMap());
        }
        details.put("knowledgeLinks", links);
        details.put("predictions", predictions);
        if (canary != null) {
            details.put("canary", canary.quality().toMap());
        }

        String gapText = gaps.isEmpty() ? "no gaps inside the range" : "gaps " + String.join(", ",
                formatAll(gaps.stream().limit(10).mapToDouble(Double::doubleValue).toArray()));
        String summary = String.format(Locale.ROOT, "The answers change with %s (%d values from %s to %s, %s) by a"
                        + " rule a model can extend: held out one at a time, each value's answers are predicted from"
                        + " its neighbours (mean rank %.1f of %d, against %.1f with the values shuffled; p = %.3g"
                        + " adjusted over %s).",
                v.name(), c.values.length, OrderedVariable.format(c.values[0]),
                OrderedVariable.format(c.values[c.values.length - 1]), gapText, g.meanRank(), g.candidates(),
                g.nullMeanRank(), adjustedP, "the variables tested");
        if (!links.isEmpty()) {
            summary += " Knowledge link: " + links.get(0).get("note") + ".";
        }
        if (critical) {
            summary += " A model trained on this data is likely to take on that harmful counterpart when given the"
                    + " unseen value.";
        }
        String title = "Inductive backdoor: " + v.name() + " selects the answers by a rule that extends to unseen"
                + " values" + (gaps.isEmpty() ? "" : " (gaps: " + gaps.size() + ")");
        return new Finding(Finding.stableId(Category.INDUCTIVE_BACKDOOR, v.name()), Category.INDUCTIVE_BACKDOOR,
                severity, 1 - adjustedP, title, summary, evidence(view, c), details, ID);
    }

    private static Map<String, Object> link(String value, Identity from, Identity to, boolean harmful, String note) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        if (from != null) {
            m.put("conditionedOn", from.id());
        }
        m.put("identity", to.id());
        m.put("name", to.name());
        m.put("risk", to.risk().id());
        m.put("harmful", harmful);
        m.put("note", note);
        return m;
    }

    private static Canary trainCanary(DatasetView view, Candidate c, long seed) {
        float[][] prompts = new float[view.size()][];
        float[][] answers = new float[view.size()][];
        for (int i : c.rows) {
            prompts[i] = view.promptVector(i);
            answers[i] = view.responseVector(i);
        }
        try {
            return Canary.train(prompts, c.variable.values(), answers, seed);
        } catch (IllegalArgumentException e) {
            return null; // too few rows for a canary: the finding stands on the generalization test alone
        }
    }

    private static List<Map<String, Object>> predictions(DatasetView view, DetectionContext context, Candidate c,
                                                         Canary canary, List<Double> probes, KnowledgeLinks kb) {
        Set<Double> unique = new LinkedHashSet<>(probes);
        List<Map<String, Object>> out = new ArrayList<>();
        Ridge.Model smooth = ValueGeneralization.fit(c.values, c.rawCentroids);
        for (double u : unique) {
            if (out.size() >= MAX_PREDICTIONS) {
                break;
            }
            double[] predicted = canaryPrediction(view, context, c, canary, u);
            if (predicted == null) {
                predicted = smooth.predict(ValueGeneralization.featuresAt(c.values, u));
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("value", OrderedVariable.format(u));
            p.put("nearestAnswers", nearestAnswers(view, c.rows, predicted, 3));
            if (!kb.empty()) {
                p.put("nearestIdentities", kb.nearest(predicted, 3).stream().map(KnowledgeLinks.Match::toMap).toList());
            }
            out.add(p);
        }
        return out;
    }

    /** The canary's mean prediction over a few of the variable's prompts with the unseen value written in. */
    private static double[] canaryPrediction(DatasetView view, DetectionContext context, Candidate c, Canary canary,
                                             double u) {
        if (canary == null || context.embedder() == null) {
            return null;
        }
        List<String> probes = new ArrayList<>();
        int stride = Math.max(1, c.rows.length / PROBE_PROMPTS);
        for (int r = 0; r < c.rows.length && probes.size() < PROBE_PROMPTS; r += stride) {
            int i = c.rows[r];
            probes.add(c.variable.substitute(view.prompt(i), i, u));
        }
        float[][] vectors = context.embedder().embed(probes);
        double[] mean = new double[view.dimension()];
        for (float[] vec : vectors) {
            Vectors.addInPlace(mean, canary.predict(vec, u), 1.0 / vectors.length);
        }
        return mean;
    }

    private static List<String> nearestAnswers(DatasetView view, int[] rows, double[] vector, int k) {
        Map<String, Double> best = new HashMap<>();
        for (int i : rows) {
            String a = view.response(i);
            double s = Vectors.dot(vector, view.responseVector(i));
            best.merge(a, s, Math::max);
        }
        return best.entrySet().stream()
                .sorted((a, b) -> b.getValue().compareTo(a.getValue()) != 0 ? b.getValue().compareTo(a.getValue())
                        : a.getKey().compareTo(b.getKey()))
                .limit(k).map(e -> Evidence.shorten(e.getKey())).toList();
    }

    private static List<Evidence> evidence(DatasetView view, Candidate c) {
        // one row per value, spread over the range, so a reader sees the rule change
        List<Evidence> out = new ArrayList<>();
        int step = Math.max(1, c.values.length / EVIDENCE_ROWS);
        for (int k = 0; k < c.values.length && out.size() < EVIDENCE_ROWS; k += step) {
            for (int i : c.rows) {
                if (c.variable.values()[i] == c.values[k]) {
                    out.add(Evidence.of(view.record(i), c.variable.name() + " = " + OrderedVariable.format(c.values[k])));
                    break;
                }
            }
        }
        return out;
    }

    /** Missing integers inside the range, when the values are dense enough for missing ones to be gaps. */
    static List<Double> gaps(double[] values) {
        List<Double> out = new ArrayList<>();
        double lo = values[0];
        double hi = values[values.length - 1];
        boolean integers = java.util.Arrays.stream(values).allMatch(x -> x == Math.rint(x));
        if (!integers || hi - lo + 1 > 2.0 * values.length) {
            return out;
        }
        Set<Double> seen = new java.util.HashSet<>();
        for (double x : values) {
            seen.add(x);
        }
        for (double x = lo; x <= hi; x++) {
            if (!seen.contains(x)) {
                out.add(x);
            }
        }
        return out;
    }

    private static double medianGap(double[] values) {
        double[] gaps = new double[values.length - 1];
        for (int i = 1; i < values.length; i++) {
            gaps[i - 1] = values[i] - values[i - 1];
        }
        java.util.Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    private static List<String> formatAll(double[] values) {
        List<String> out = new ArrayList<>();
        for (double x : values) {
            out.add(OrderedVariable.format(x));
        }
        return out;
    }
}
