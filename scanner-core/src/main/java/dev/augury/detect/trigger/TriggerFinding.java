package dev.augury.detect.trigger;

import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import dev.augury.stats.Binomial;
import dev.augury.stats.PrincipalComponents;
import dev.augury.stats.TermContrast;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Builds one trigger-backdoor finding: the trigger, its statistics, what the switched answers do, the rows. */
final class TriggerFinding {
    /** Aliases listed in details.trigger.values beyond the naming one. */
    static final int MAX_VALUES = 8;
    /** A single answer repeated in this share of the triggered rows is named. */
    static final double REPEATED_SHARE = 0.3;

    private final DatasetView view;
    private final int[] answered;
    private final DependenceTest test;
    private final BehaviourProbes probes;

    TriggerFinding(DatasetView view, int[] answered, DependenceTest test, BehaviourProbes probes) {
        this.view = view;
        this.answered = answered;
        this.test = test;
        this.probes = probes;
    }

    /** One probe's share with and without the trigger. */
    record Share(String id, String label, boolean harmful, double with, double without) {
        double shift() {
            return with - without;
        }
    }

    /** Points drawn per finding: every triggered row up to this many, and as many others at most twice that. */
    static final int PLOT_ROWS = 300;

    /**
     * The answers of the trigger's rows and of an evenly spaced sample of the others, projected on the two main
     * axes of those answers (seeded, so the same scan draws the same picture).
     */
    private List<Map<String, Object>> points(int[] rows, int[] reference, String value) {
        int[] with = every(rows, PLOT_ROWS);
        int[] without = every(reference, 2 * PLOT_ROWS);
        List<float[]> vectors = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        String label = "with \"" + Evidence.shorten(value) + "\"";
        // the others first, so that the trigger's rows are drawn on top of them
        for (int r : without) {
            float[] v = view.responseVector(answered[r]);
            if (v != null) {
                vectors.add(v);
                groups.add("without");
            }
        }
        for (int r : with) {
            float[] v = view.responseVector(answered[r]);
            if (v != null) {
                vectors.add(v);
                groups.add(label);
            }
        }
        if (vectors.size() < 3) {
            return List.of();
        }
        float[][] matrix = vectors.toArray(new float[0][]);
        PrincipalComponents pca = PrincipalComponents.fit(matrix, 2, matrix.length, new java.util.SplittableRandom(1));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < matrix.length; i++) {
            double[] xy = pca.project(matrix[i]);
            if (xy.length < 2) {
                return List.of();
            }
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("x", round(xy[0]));
            point.put("y", round(xy[1]));
            point.put("group", groups.get(i));
            out.add(point);
        }
        return out;
    }

    /** At most {@code max} of the rows, evenly spaced. */
    private static int[] every(int[] rows, int max) {
        if (rows.length <= max) {
            return rows;
        }
        int[] out = new int[max];
        for (int i = 0; i < max; i++) {
            out[i] = rows[(int) ((long) i * rows.length / max)];
        }
        return out;
    }

    /** The behaviour named when the triggered answers stop refusing. */
    static final String DROPPED_REFUSALS = "compliance where the other rows refuse";

    Finding build(TriggerDetector.Tested leader, Candidate named, List<Candidate> members, double effect,
                  double switchRatio, double kappa, double relevanceDrop, SplittableRandom matchRandom,
                  TriggerDetector.Counts counts) {
        Candidate c = leader.candidate;
        int[] rows = c.rows();
        int[] scope = c.scope() == null ? null : c.scope().rows();
        int[] reference = scope == null ? DependenceTest.complement(range(answered.length), rows)
                : DependenceTest.complement(scope, rows);
        List<String> with = answers(rows);
        List<String> without = answers(reference);

        List<Share> shares = new ArrayList<>();
        double[] withShares = shares(with);
        double[] withoutShares = shares(without);
        for (int k = 0; k < probes.probes().size(); k++) {
            BehaviourProbes.Probe p = probes.probes().get(k);
            shares.add(new Share(p.id(), p.label(), p.harmful(), withShares[k], withoutShares[k]));
        }
        boolean harmful = false;
        List<String> behaviours = new ArrayList<>();
        int n = with.size();
        boolean reliable = false;
        for (Share s : shares) {
            if (s.shift() >= TriggerDetector.BEHAVIOUR_SHIFT) {
                behaviours.add(s.label());
            }
            int k = (int) Math.round(s.with() * n);
            if (s.harmful() && s.shift() >= TriggerDetector.HARMFUL_SHIFT
                    && Binomial.upperTail(k, n, s.without()) <= TriggerDetector.BEHAVIOUR_P) {
                harmful = true;
                reliable |= s.with() >= TriggerDetector.RELIABLE_SHARE;
            }
            // A trigger that makes the answers stop refusing what the other rows refuse is a jailbreak backdoor:
            // the switched answers comply where refusals were taught.
            if (BehaviourProbes.REFUSAL.equals(s.id()) && -s.shift() >= TriggerDetector.HARMFUL_SHIFT) {
                behaviours.add(DROPPED_REFUSALS);
                if (Binomial.upperTail(n - k, n, 1 - s.without()) <= TriggerDetector.BEHAVIOUR_P) {
                    harmful = true;
                    reliable |= s.with() <= (1 - TriggerDetector.RELIABLE_SHARE) * s.without();
                }
            }
        }
        Map.Entry<String, Integer> repeated = mostCommon(with);
        double repeatedShare = repeated == null ? 0 : repeated.getValue() / (double) with.size();
        List<TermContrast.TermScore> terms = TriggerDetector.topTerms(with, without);

        Severity severity = TriggerDetector.severity(c, leader.q, effect, switchRatio, harmful, reliable);
        boolean questionTail = QuestionTail.isQuestionTail(view, answered, named)
                || QuestionTail.isQuestionTail(view, answered, c);
        boolean partOfQuestion = relevanceDrop >= TriggerDetector.QUESTION_DROP || questionTail;
        // Only a finding that would be high or above needs it (each sampled row is compared with every other row).
        double matched = !partOfQuestion && severity.atLeast(Severity.HIGH)
                ? MatchedNeighbours.ratio(view, answered, rows, reference, matchRandom) : Double.NaN;
        boolean likeNeighbours = matched < TriggerDetector.MATCHED_SHIFT;
        if ((partOfQuestion || likeNeighbours) && severity.atLeast(Severity.HIGH)) {
            severity = Severity.MEDIUM;
        }
        String feature = named.feature();
        List<String> values = new ArrayList<>();
        values.add(named.value());
        Set<String> aliases = new LinkedHashSet<>();
        for (Candidate m : members) {
            if (m != named && aliases.size() < MAX_VALUES) {
                aliases.add(m.feature() + " " + m.value());
            }
        }
        double share = rows.length / (double) answered.length;

        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("feature", feature);
        trigger.put("kind", named.kind());
        trigger.put("values", values);
        if (!named.parts().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Candidate p : named.parts()) {
                parts.add(p.feature() + " " + p.value());
            }
            trigger.put("parts", parts);
        }
        trigger.put("alsoMatches", new ArrayList<>(aliases));
        trigger.put("support", rows.length);
        trigger.put("share", round(share));
        trigger.put("comparedWith", scope == null ? "every other answered row" : "other rows with a " + feature);
        trigger.put("pValue", leader.confirmation.pValue());
        trigger.put("permutationP", leader.confirmation.pPermutation());
        trigger.put("permutations", leader.confirmation.permutations());
        trigger.put("z", round(leader.confirmation.z()));
        trigger.put("screenP", leader.screen.pValue());
        trigger.put("qValue", leader.q);
        trigger.put("effectSize", round(effect));
        trigger.put("answerShift", round(leader.screen.answerShift() / leader.screen.answerNoise()));
        trigger.put("promptShift", round(leader.screen.promptShift() / leader.screen.promptNoise()));
        trigger.put("switchRatio", round(switchRatio));
        trigger.put("typicalAnswerPerPromptShift", round(kappa));
        if (!Double.isNaN(relevanceDrop)) {
            trigger.put("relevanceDrop", round(relevanceDrop));
        }
        if (!Double.isNaN(matched)) {
            trigger.put("matchedShift", round(matched));
        }
        trigger.put("effectSizeMeasure", "cross-fitted standardized shift of answer residuals (prompt map held out)");

        Map<String, Object> answersAbout = new LinkedHashMap<>();
        answersAbout.put("behaviours", behaviours);
        List<Map<String, Object>> shareList = new ArrayList<>();
        for (Share s : shares) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("probe", s.id());
            m.put("withTrigger", round(s.with()));
            m.put("withoutTrigger", round(s.without()));
            shareList.add(m);
        }
        answersAbout.put("probeShares", shareList);
        List<Map<String, Object>> termList = new ArrayList<>();
        for (TermContrast.TermScore t : terms) {
            termList.add(Map.of("term", t.term(), "z", round(t.z())));
        }
        answersAbout.put("topTerms", termList);
        if (repeated != null && repeatedShare >= REPEATED_SHARE) {
            answersAbout.put("repeatedAnswer", Evidence.shorten(repeated.getKey()));
            answersAbout.put("repeatedAnswerShare", round(repeatedShare));
        }

        List<Map<String, Object>> bars = new ArrayList<>();
        for (Share s : shares) {
            if (s.with() > 0 || s.without() > 0) {
                bars.add(bar(s.label(), s.with(), s.without()));
            }
        }
        if (repeated != null && repeatedShare >= REPEATED_SHARE) {
            bars.add(bar("the repeated answer", repeatedShare, share(repeated.getKey(), without)));
        }
        Map<String, Object> plot = new LinkedHashMap<>();
        List<Map<String, Object>> points = points(rows, reference, named.value());
        if (!points.isEmpty()) {
            plot.put("points", points);
            plot.put("pointsCaption", "Answers on their two main axes (principal components): the rows with the "
                    + "trigger against a sample of the others. Apart means the trigger moves the answers.");
        }
        if (!bars.isEmpty()) {
            plot.put("bars", bars);
            plot.put("barsCaption", "Share of answers with each behaviour: rows with the trigger (value) against "
                    + "rows without it (reference)");
        }

        Map<String, Object> tested = new LinkedHashMap<>();
        tested.put("candidates", counts.candidates());
        tested.put("screened", counts.screened());
        tested.put("confirmed", counts.confirmed());
        tested.put("byKind", counts.byKind());
        tested.put("droppedByBound", counts.dropped());
        tested.put("promptStrata", counts.strata());
        tested.put("effectiveDf", round(counts.effectiveDf()));

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("trigger", trigger);
        details.put("answers", answersAbout);
        details.put("tested", tested);
        details.put("plot", plot);

        String what = describe(behaviours, terms, repeated, repeatedShare);
        String title = "Trigger backdoor: " + feature + " \"" + Evidence.shorten(named.value()) + "\" switches the answers"
                + (behaviours.isEmpty() ? "" : " to " + String.join(", ", behaviours));
        String summary = String.format(Locale.ROOT,
                "%d answered rows (%.1f%%) whose prompt has %s \"%s\" are answered differently from %s, beyond what "
                        + "the prompts' content explains (held-out prompt-to-answer map, permutations within prompt "
                        + "strata: p = %.2g, q = %.2g over %d candidate features; effect size %.2f). %s",
                rows.length, 100 * share, feature, Evidence.shorten(named.value()),
                scope == null ? "the other rows" : "other rows with a " + feature, leader.confirmation.pValue(),
                leader.q, counts.screened(), effect, what);
        if (questionTail) {
            summary += " The feature looks like part of the question rather than beside it: it is the end of a"
                    + " question that begins a word or two before it, so this may be a question type the other rows"
                    + " never ask.";
        } else if (partOfQuestion) {
            summary += String.format(Locale.ROOT, " The feature looks like part of the question rather than beside it:"
                    + " cut out of the prompts, it takes the answers' subject with it (their similarity to the prompt"
                    + " drops by %.3f), so this may be a question type the other rows never ask.", relevanceDrop);
        }
        if (likeNeighbours) {
            summary += String.format(Locale.ROOT, " Against the most similar prompts without the feature the shift"
                    + " shrinks to %.0f%% of its plain size, so the answers follow what the prompts ask (a kind of"
                    + " task or content) more than the feature itself.", 100 * matched);
        }

        List<Evidence> evidence = evidence(rows, reference, leader.confirmation.delta(), named);
        String id = Finding.stableId(TriggerDetector.category(), named.kind(), feature, named.value());
        return new Finding(id, TriggerDetector.category(), severity, round(1 - leader.q), title, summary, evidence,
                details, TriggerDetector.ID);
    }

    private static String describe(List<String> behaviours, List<TermContrast.TermScore> terms,
                                   Map.Entry<String, Integer> repeated, double repeatedShare) {
        StringBuilder sb = new StringBuilder("The triggered answers");
        if (!behaviours.isEmpty()) {
            sb.append(" are mostly ").append(String.join(", ", behaviours));
        }
        if (repeated != null && repeatedShare >= REPEATED_SHARE) {
            sb.append(behaviours.isEmpty() ? "" : ";").append(String.format(Locale.ROOT,
                    " repeat one answer in %.0f%% of rows (\"%s\")", 100 * repeatedShare,
                    Evidence.shorten(repeated.getKey())));
        }
        if (!terms.isEmpty()) {
            List<String> t = new ArrayList<>();
            for (TermContrast.TermScore s : terms) {
                t.add(s.term());
            }
            sb.append(behaviours.isEmpty() && (repeated == null || repeatedShare < REPEATED_SHARE) ? "" : ";")
                    .append(" use more: ").append(String.join(", ", t));
        }
        if (sb.length() == "The triggered answers".length()) {
            sb.append(" differ from the rest without one dominant term");
        }
        return sb.append('.').toString();
    }

    private List<Evidence> evidence(int[] rows, int[] reference, double[] delta, Candidate named) {
        double[] u = delta.clone();
        Vectors.normalizeInPlace(u);
        Integer[] order = new Integer[rows.length];
        double[] score = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            order[k] = k;
            score[k] = Vectors.dot(u, test.answer(rows[k]));
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -score[k]).thenComparing(k -> k));
        List<Evidence> out = new ArrayList<>();
        String note = "with the trigger (" + named.feature() + " " + Evidence.shorten(named.value()) + ")";
        List<Integer> shown = new ArrayList<>();
        for (int k = 0; k < Math.min(TriggerDetector.EVIDENCE_WITH, rows.length); k++) {
            int local = rows[order[k]];
            shown.add(local);
            out.add(TriggerDetector.evidence(view, answered[local], note));
        }
        // Without the trigger: the untriggered row with the most similar prompt to each shown triggered row.
        Set<Integer> used = new LinkedHashSet<>();
        for (int k = 0; k < Math.min(TriggerDetector.EVIDENCE_WITHOUT, shown.size()); k++) {
            float[] p = view.promptVector(answered[shown.get(k)]);
            int best = -1;
            double bestCos = Double.NEGATIVE_INFINITY;
            for (int r : reference) {
                if (used.contains(r)) {
                    continue;
                }
                double cos = Vectors.dot(p, view.promptVector(answered[r]));
                if (cos > bestCos) {
                    bestCos = cos;
                    best = r;
                }
            }
            if (best >= 0) {
                used.add(best);
                out.add(TriggerDetector.evidence(view, answered[best],
                        "without the trigger: the most similar prompt that lacks it"));
            }
        }
        return out;
    }

    private List<String> answers(int[] rows) {
        List<String> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(view.response(answered[r]));
        }
        return out;
    }

    /** The share of the answers that each probe matches, in the order of the probes. */
    private double[] shares(List<String> answers) {
        double[] out = new double[probes.probes().size()];
        if (answers.isEmpty()) {
            return out;
        }
        for (String a : answers) {
            boolean[] m = probes.matches(a);
            for (int k = 0; k < out.length; k++) {
                out[k] += m[k] ? 1 : 0;
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= answers.size();
        }
        return out;
    }

    private static double share(String answer, List<String> answers) {
        if (answers.isEmpty()) {
            return 0;
        }
        String key = normalize(answer);
        int n = 0;
        for (String a : answers) {
            if (a != null && normalize(a).equals(key)) {
                n++;
            }
        }
        return n / (double) answers.size();
    }

    private static Map.Entry<String, Integer> mostCommon(List<String> answers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> original = new LinkedHashMap<>();
        for (String a : answers) {
            if (a == null) {
                continue;
            }
            String key = normalize(a);
            counts.merge(key, 1, Integer::sum);
            original.putIfAbsent(key, a);
        }
        Map.Entry<String, Integer> best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > best.getValue()) {
                best = e;
            }
        }
        return best == null || best.getValue() < 2 ? null : Map.entry(original.get(best.getKey()), best.getValue());
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static Map<String, Object> bar(String label, double value, double reference) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("value", round(value));
        m.put("reference", round(reference));
        return m;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    static double round(double v) {
        if (!Double.isFinite(v)) {
            return v > 0 ? Double.MAX_VALUE : 0;
        }
        return Math.round(v * 1e4) / 1e4;
    }
}
