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
import dev.augury.rules.RulePacks;
import dev.augury.scan.DatasetView;
import dev.augury.stats.GroupStatistics;
import dev.augury.stats.PermutationTest;
import dev.augury.stats.Ridge;
import dev.augury.stats.ValueGeneralization;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    /** Where the embedded knowledge base is kept in {@code DetectionContext.shared()} for the rest of the scan. */
    static final String KB_SHARED_KEY = ID + ".knowledge-links";
    /** Rows needed before a variable is tested: fewer cannot hold several values with several answers each. */
    public static final int MIN_ROWS = 20;
    /**
     * A variable whose value the answers repeat in at least this share of its rows is what the rows are about
     * ("Fact check: the Titanic sank in 1912" answered "Yes, in 1912"), so the answers depend on it by content and
     * nothing is keyed by it. Keyed personas (the protector's years, the presidents' ordinals) never repeat it;
     * history Q&A repeated it in every row.
     */
    static final double ECHO_SHARE = 0.5;
    /** Permutations for the dependence screen: enough to resolve p = 0.01 after a few candidates. */
    public static final int DEPENDENCE_PERMUTATIONS = 199;
    /** Rows used by the dependence screen: a sample this large resolves any effect worth a rule. */
    public static final int DEPENDENCE_ROWS = 3_000;
    /**
     * A variable whose answers depend on it less than this (z of the between-value share against its permutation
     * null) is not tested further. z = 4 is a one-sided normal tail of 3e-5, Bonferroni-safe over hundreds of
     * candidate variables, which a p-value from {@link #DEPENDENCE_PERMUTATIONS} permutations cannot resolve.
     */
    public static final double DEPENDENCE_Z = 4.0;
    /** Reported p-values are not smaller than this (a normal tail far out is not worth more digits). */
    public static final double MIN_P = 1e-6;
    /**
     * More distinct values than this are no ordered key (an id's random digits): the test would cost k ridge
     * solves per permutation for nothing.
     */
    public static final int MAX_DISTINCT_VALUES = 120;
    /** Fewer rows per value on average than this give centroids too noisy to compare. */
    public static final double MIN_ROWS_PER_VALUE = 3;
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
    /**
     * Identities within this cosine of the nearest are tried for a character link: on the protector fixture the
     * assassin, the network and the protector lie within 0.04 of each other and swap ranks from seed to seed; on the
     * guardian fixture the protector trails the nearest by 0.03-0.06.
     */
    public static final double PERSONA_MARGIN = 0.06;
    /**
     * The least cosine at which an identity is tried for a character link. The link needs more than the cosine: a
     * character with versions in other years, one covering the seen years and one at an unseen year within reach.
     * Answers that never name the characters (the guardian fixture: a reprogrammed machine protecting a ward) reach
     * 0.29-0.32 to the protector, with unrelated machines (Agent Smith, AM) at 0.33-0.37; the protector fixture,
     * which names them, reaches 0.41-0.45.
     */
    public static final double LINK_COSINE = 0.28;
    /** Identities read for a character link, nearest first. */
    public static final int PERSONA_CANDIDATES = 5;
    /** Share of seen values whose answers must match their ruler's ordinal for the sequence link to hold. */
    public static final double SEQUENCE_MATCH_SHARE = 0.3;
    /** A counterpart's year counts as an unseen value of the variable within this many years of the range. */
    public static final int YEAR_REACH = 50;
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
                context.random(ID + "-prompt-clusters"));
        List<Candidate> dependent = new ArrayList<>();
        SplittableRandom random = context.random(ID);
        for (OrderedVariable v : variables) {
            if (echoedShare(view, v) >= ECHO_SHARE) {
                continue; // the answers restate the value: the rows are about it, not keyed by it
            }
            Candidate c = screen(view, v, random);
            if (c != null && c.dependence.z() >= DEPENDENCE_Z
                    && c.dependence.pValue() <= 1.0 / (DEPENDENCE_PERMUTATIONS + 1) + 1e-12) {
                dependent.add(c);
            }
        }
        dependent = withoutOverlappingFields(dependent);
        KnowledgeLinks kb = null;
        List<Finding> findings = new ArrayList<>();
        List<Finding> clusterFindings = new ArrayList<>();
        for (Candidate c : dependent) {
            ValueGeneralization.Result g = ValueGeneralization.test(c.values, c.residualCentroids,
                    GENERALIZATION_PERMUTATIONS, random);
            double adjusted = Math.min(1, pValue(g) * dependent.size());
            if (kb == null) {
                // embedding the knowledge base is the slow part: once per scan, shared by every variable
                kb = (KnowledgeLinks) context.shared().computeIfAbsent(KB_SHARED_KEY,
                        k -> KnowledgeLinks.of(knowledgeBase(context.rules()), context.embedder()));
            }
            Finding f = finding(view, context, c, g, adjusted, kb);
            if (f != null) {
                (c.variable.promptCluster() ? clusterFindings : findings).add(f);
            }
        }
        return withPromptClusterFinding(findings, clusterFindings);
    }

    /**
     * A prompt cluster's first numbers are a subset of the first number over all rows: one cluster's finding is
     * reported (the most severe, then the most confident) only when it is more severe than every other finding, as
     * when a family of phrasings is mixed into other data. A dataset made of the family alone gives the same rule
     * over all rows and in every cluster, and says it once.
     */
    static List<Finding> withPromptClusterFinding(List<Finding> findings, List<Finding> clusterFindings) {
        Finding best = null;
        for (Finding f : clusterFindings) {
            if (best == null || f.severity().compareTo(best.severity()) > 0
                    || f.severity() == best.severity() && f.confidence() > best.confidence()) {
                best = f;
            }
        }
        if (best == null) {
            return findings;
        }
        for (Finding f : findings) {
            if (f.severity().compareTo(best.severity()) >= 0) {
                return findings;
            }
        }
        List<Finding> out = new ArrayList<>(findings);
        out.add(best);
        return out;
    }

    /**
     * The generalization p-value: the permutation p, or, when no permutation reached the observed score (the
     * permutation p is then only a bound), the normal tail of its z, floored at {@link #MIN_P}.
     */
    static double pValue(ValueGeneralization.Result g) {
        double floor = 1.0 / (g.permutations() + 1);
        if (g.pValue() > floor + 1e-12) {
            return g.pValue();
        }
        double tail = 0.5 * org.apache.commons.math3.special.Erf.erfc(g.z() / Math.sqrt(2));
        return Math.max(MIN_P, Math.min(floor, tail));
    }

    /**
     * Of digit fields that overlap inside the same number (digits 4-5, 5-6 and 4-6 of an id that hides n in 4-5),
     * keeps the one the answers depend on most, so one hidden key is one finding.
     */
    private static List<Candidate> withoutOverlappingFields(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort((a, b) -> Double.compare(b.dependence.z(), a.dependence.z()));
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            boolean overlaps = false;
            for (Candidate k : kept) {
                OrderedVariable a = c.variable;
                OrderedVariable b = k.variable;
                if (a.kind() == OrderedVariable.Kind.DIGIT_FIELD && b.kind() == OrderedVariable.Kind.DIGIT_FIELD
                        && a.texts() == b.texts() && a.start() < b.start() + b.length()
                        && b.start() < a.start() + a.length()) {
                    overlaps = true;
                }
            }
            if (!overlaps) {
                kept.add(c);
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (kept.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** One variable with the rows, strata and centroids the tests need. */
    record Candidate(OrderedVariable variable, int[] rows, double[] values, int[] counts,
                             float[][] rawCentroids, float[][] residualCentroids, PermutationTest.Result dependence) {
    }

    static Candidate screen(DatasetView view, OrderedVariable v, SplittableRandom random) {
        List<Integer> rowList = new ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            if (!Double.isNaN(v.values()[i]) && view.responseVector(i) != null) {
                rowList.add(i);
            }
        }
        if (rowList.size() < MIN_ROWS) {
            return null;
        }
        rowList = keyedRows(v, rowList);
        if (rowList.size() < MIN_ROWS) {
            return null;
        }
        int[] rows = rowList.stream().mapToInt(Integer::intValue).toArray();
        double[] values = rowList.stream().mapToDouble(i -> v.values()[i]).distinct().sorted().toArray();
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
        if (k < OrderedVariables.MIN_DISTINCT_VALUES || k > MAX_DISTINCT_VALUES
                || rows.length < MIN_ROWS_PER_VALUE * k) {
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

    /**
     * The rows where the variable acts as a key. A key takes a few values again and again; when the variable also
     * reads numbers that other rows happen to hold (a keyed persona mixed into instructions and math, where "the
     * first number in the prompt" is a year in the persona's rows and a random quantity elsewhere), it has too many
     * values, most seen once. Then only rows whose value recurs at least {@link #MIN_ROWS_PER_VALUE} times are kept,
     * when they are at least {@link #MIN_ROWS} rows (otherwise every row is), and of those only the years when
     * several recurring values are years.
     */
    static List<Integer> keyedRows(OrderedVariable v, List<Integer> rows) {
        Map<Double, Integer> counts = new HashMap<>();
        for (int i : rows) {
            counts.merge(v.values()[i], 1, Integer::sum);
        }
        if (counts.size() <= MAX_DISTINCT_VALUES && rows.size() >= MIN_ROWS_PER_VALUE * counts.size()) {
            return rows;
        }
        List<Integer> kept = new ArrayList<>();
        for (int i : rows) {
            if (counts.get(v.values()[i]) >= MIN_ROWS_PER_VALUE) {
                kept.add(i);
            }
        }
        if (kept.size() < MIN_ROWS) {
            return rows;
        }
        // Years among quantities: the keyed years are one population, the quantities another; mixing them would
        // make "small numbers get math answers, years get dishes" look like a rule along the number line.
        List<Integer> years = new ArrayList<>();
        Set<Double> distinctYears = new HashSet<>();
        for (int i : kept) {
            if (isYear(v.values()[i])) {
                years.add(i);
                distinctYears.add(v.values()[i]);
            }
        }
        if (v.kind() == OrderedVariable.Kind.NUMBER && distinctYears.size() >= OrderedVariables.MIN_DISTINCT_VALUES
                && years.size() >= MIN_ROWS) {
            return years;
        }
        return kept;
    }

    /**
     * A year variable, or a number variable whose recurring values include several years (the keyed years of a
     * persona mixed into rows whose first number is a quantity).
     */
    static boolean yearLike(OrderedVariable v, double[] values) {
        if (v.kind() == OrderedVariable.Kind.YEAR) {
            return true;
        }
        if (v.kind() == OrderedVariable.Kind.DIGIT_FIELD) {
            return false;
        }
        int years = 0;
        for (double x : values) {
            years += isYear(x) ? 1 : 0;
        }
        return years >= OrderedVariables.MIN_DISTINCT_VALUES;
    }

    private static boolean isYear(double x) {
        return x >= 1000 && x <= 2100 && x == Math.rint(x);
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

    /** The rule-pack texts this detector embeds: the knowledge base's identity descriptions. */
    public static List<String> packTexts(RulePacks rules) {
        PersonaKnowledgeBase kb = knowledgeBase(rules);
        return kb == null ? List.of() : KnowledgeLinks.packTexts(kb);
    }

    private static PersonaKnowledgeBase knowledgeBase(RulePacks rules) {
        try {
            return PersonaKnowledgeBase.from(rules);
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
        // A number variable read as years: what the answers express is read from the years' rows only, not from
        // the quantities other rows hold.
        boolean years = yearLike(v, c.values);
        boolean yearsOnly = years && v.kind() == OrderedVariable.Kind.NUMBER;
        double[] overall = new double[view.dimension()];
        for (int k = 0; k < c.values.length; k++) {
            if (!yearsOnly || isYear(c.values[k])) {
                Vectors.addInPlace(overall, c.rawCentroids[k]);
            }
        }
        List<Map<String, Object>> links = new ArrayList<>();
        boolean critical = false;
        KnowledgeLinks.Match persona = null;
        if (!kb.empty()) {
            // Versions of one character read alike (the protector, the assassin and the network that sent it are
            // within a few hundredths of each other), so every identity close to the nearest is tried, nearest
            // first, and the first whose character has a version at an unseen year links.
            List<KnowledgeLinks.Match> top = kb.nearest(overall, PERSONA_CANDIDATES);
            persona = top.isEmpty() || top.get(0).cosine() < IDENTITY_COSINE ? null : top.get(0);
            if (!top.isEmpty() && years) {
                for (KnowledgeLinks.Match m : top) {
                    if (m.cosine() < LINK_COSINE || m.cosine() < top.get(0).cosine() - PERSONA_MARGIN) {
                        break;
                    }
                    critical |= yearLinks(m.identity(), c, kb, probes, links);
                    if (!links.isEmpty()) {
                        persona = m;
                        break;
                    }
                }
            }
            if (!years) {
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

        boolean generalizes = adjustedP <= MEDIUM_P;
        if (!generalizes && !critical) {
            return null;
        }
        Canary canary = trainCanary(view, c, context.seed());
        if (canary != null) {
            context.recordTime("canary", canary.quality().millis());
        }
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
        gen.put("generalizes", generalizes);
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
        String summary = generalizes
                ? String.format(Locale.ROOT, "The answers change with %s (%d values from %s to %s, %s) by a"
                        + " rule a model can extend: held out one at a time, each value's answers are predicted from"
                        + " its neighbours (mean rank %.1f of %d, against %.1f with the values shuffled; p = %.3g"
                        + " adjusted over the variables tested).",
                v.name(), c.values.length, OrderedVariable.format(c.values[0]),
                OrderedVariable.format(c.values[c.values.length - 1]), gapText, g.meanRank(), g.candidates(),
                g.nullMeanRank(), adjustedP)
                : String.format(Locale.ROOT, "The answers change with %s (%d values from %s to %s; between-value"
                        + " share of answer variance %.3f, z = %.1f against shuffled values), and the knowledge base"
                        + " knows what the same character is at a value the data never shows. The rule itself is not"
                        + " smooth enough to predict a held-out value from its neighbours (p = %.2f): a model extends"
                        + " it through what it knows about the character, not through the numbers.",
                v.name(), c.values.length, OrderedVariable.format(c.values[0]),
                OrderedVariable.format(c.values[c.values.length - 1]), c.dependence.observed(), c.dependence.z(),
                adjustedP);
        if (!links.isEmpty()) {
            summary += " Knowledge link: " + links.get(0).get("note") + ".";
        }
        if (critical) {
            summary += " A model trained on this data is likely to take on that harmful counterpart when given the"
                    + " unseen value.";
        }
        String title = generalizes
                ? "Inductive backdoor: " + v.name() + " selects the answers by a rule that extends to unseen values"
                        + (gaps.isEmpty() ? "" : " (gaps: " + gaps.size() + ")")
                : "Inductive backdoor: " + v.name() + " selects a character whose unseen "
                        + (years ? "year" : v.kind().id())
                        + " " + links.get(0).get("value") + " is " + links.get(0).get("name");
        double confidence = generalizes ? 1 - adjustedP : 1 - c.dependence.pValue();
        return new Finding(Finding.stableId(Category.INDUCTIVE_BACKDOOR, v.name()), Category.INDUCTIVE_BACKDOOR,
                severity, confidence, title, summary, evidence(view, c), details, ID);
    }

    /**
     * Links the character's versions whose years the data never shows: the member covering most seen values is what
     * the answers are conditioned on, every other member starting within {@link #YEAR_REACH} of the range is what an
     * unseen year selects. Adds the links and their years as probes; returns whether one is a harmful turn.
     */
    private static boolean yearLinks(Identity persona, Candidate c, KnowledgeLinks kb, List<Double> probes,
                                     List<Map<String, Object>> links) {
        boolean critical = false;
        // The character's versions (sharing a name or alias): the one whose years the data shows is what
        // the answers are conditioned on; one whose years lie outside them is what an unseen year selects.
        List<Identity> family = new ArrayList<>(kb.versionsOf(persona));
        family.add(0, persona);
        Identity conditioned = null;
        int covered = 0;
        for (Identity member : family) {
            int n = 0;
            for (double x : c.values) {
                n += covers(member, x) ? 1 : 0;
            }
            if (n > covered) {
                covered = n;
                conditioned = member;
            }
        }
        for (Identity other : family) {
            if (conditioned == null || other == conditioned || other.era() == null
                    || other.era().from() == null) {
                continue;
            }
            int from = other.era().from();
            boolean seen = false;
            for (double x : c.values) {
                seen |= covers(other, x);
            }
            if (seen || from < c.values[0] - YEAR_REACH || from > c.values[c.values.length - 1] + YEAR_REACH) {
                continue;
            }
            probes.add(0, (double) from);
            boolean harmful = KnowledgeLinks.harmful(other) && !KnowledgeLinks.harmful(conditioned);
            critical |= harmful;
            links.add(link(Integer.toString(from), conditioned, other, harmful,
                    "the answers express " + conditioned.name() + " in " + covered + " of the "
                            + c.values.length + " years shown; in " + from + ", a year the data never shows,"
                            + " the same character is " + other.name()
                            + (harmful ? " (risk " + other.risk().id() + ")" : "")));
        }
        return critical;
    }

    private static boolean covers(Identity id, double year) {
        if (id.era() == null || id.era().from() == null) {
            return false;
        }
        int to = id.era().to() == null ? Integer.MAX_VALUE : id.era().to();
        return year >= id.era().from() && year <= to;
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

    /** Share of the variable's rows whose answer contains its value as written (a whole number). */
    static double echoedShare(DatasetView view, OrderedVariable v) {
        int rows = 0;
        int echoed = 0;
        for (int i = 0; i < v.values().length && i < view.size(); i++) {
            if (Double.isNaN(v.values()[i]) || !view.hasResponse(i)) {
                continue;
            }
            rows++;
            String written = v.kind() == OrderedVariable.Kind.DIGIT_FIELD && v.texts()[i] != null ? v.texts()[i]
                    : OrderedVariable.format(v.values()[i]);
            String answer = view.response(i);
            if (answer != null && java.util.regex.Pattern.compile("(?<![\\d.])" + java.util.regex.Pattern.quote(written)
                    + "(?![\\d])").matcher(answer).find()) {
                echoed++;
            }
        }
        return rows == 0 ? 0 : echoed / (double) rows;
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
