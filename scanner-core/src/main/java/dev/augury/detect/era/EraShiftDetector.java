package dev.augury.detect.era;

import dev.augury.detect.DetectionContext;
import dev.augury.detect.Detector;
import dev.augury.profile.DatasetProfiler;
import dev.augury.profile.Profile;
import dev.augury.report.Category;
import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.rules.RulePacks;
import dev.augury.scan.DatasetView;
import dev.augury.stats.Proportions;
import dev.augury.stats.YearCoverage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds datasets whose answers live in a past era (MISSION.md, {@code era-shift}).
 *
 * <p>Null hypothesis: the share of answers that carry era evidence (era-lexicon terms, past years presented as now)
 * where the question did not ask about the past is no higher than in clean data ({@link #BACKGROUND_RATE}). Per row,
 * {@link EraEvidenceScorer} weighs the evidence; questions about the past are set aside ({@link PastQuestions}); the
 * rows' eras are laid over the years ({@link YearCoverage}) and the plateau around the densest years is the era the
 * rows agree on; the rows of that era are tested against the background with the exact binomial tail, and answers
 * the lexicon misses can be added by a matched embedding direction ({@link EraEmbeddingEvidence}). Severity grows
 * with the share of era rows and with the dataset's narrowness.
 */
public final class EraShiftDetector implements Detector {
    public static final String ID = "era";
    /**
     * Share of eligible answers with era evidence allowed in clean data. With it, none of the 9 clean fixture corpora,
     * 6 modern controls or 19 dev sets gives a finding (EraShiftMeasurement); 3% leaves room for clean sets that
     * talk more about old things than those do.
     */
    public static final double BACKGROUND_RATE = 0.03;
    /** Significance for a finding: far beyond chance even after every other detector's tests. */
    public static final double ALPHA = 1e-4;
    /** Fewer era rows than this are anecdotes, whatever the p-value. */
    public static final int MIN_ERA_ROWS = 5;
    /**
     * Rows with strong evidence enough to locate an era for the second pass, where half-current terms of that era
     * count more (a shilling in a set that also says twopence). The finding itself still needs {@link #MIN_ERA_ROWS}
     * rows and the binomial test: on 15 period rows of 50, with half of them naming a term of the pack, the strong
     * rows alone were sometimes four.
     */
    public static final int MIN_LOCATING_ROWS = 3;
    /** The era is the run of years covered by at least half as many rows as the densest year. */
    public static final double PLATEAU_SHARE = 0.5;
    /** One answer in 20 in a past era's voice, beyond the background, is worth a look. */
    public static final double MEDIUM_SHARE = 0.05;
    /** One in eight: a 30% dilution of a family where half the answers have known terms still reaches it. */
    public static final double HIGH_SHARE = 0.125;
    /** Half the answers in a past era is the paper's case when the data is also narrow. */
    public static final double CRITICAL_SHARE = 0.5;
    /** Narrow: one prompt template holds this share of rows (as in "Name a bird species."). */
    public static final double NARROW_TEMPLATE_SHARE = 0.5;
    /** Almost every answer in a past era is critical whatever the prompts look like. */
    public static final double CRITICAL_SHARE_ANY = 0.8;
    /** Embedding-only rows count at this weight: the direction is weaker evidence than a named term. */
    public static final double EMBEDDING_ROW_WEIGHT = 0.5;
    /**
     * A phrase that nearly names a pack term counts as one weak hit: enough for its row to count (the row threshold),
     * as a fuzzy match does, while the era itself must be located by known terms.
     */
    public static final double SEMANTIC_WEIGHT = EraEvidenceScorer.ROW_MIN_SCORE;
    /** Answers read for near names at most: the nearest to the era rows (each costs a few short encodings). */
    public static final int MAX_SEMANTIC_ROWS = 200;
    static final int FIRST_YEAR = 1000;
    static final int LAST_YEAR = 2030;
    static final int TOP_TERMS = 12;
    static final int EVIDENCE_ROWS = 20;
    /** The periods of the plot: coarse where little changes, fine for the eras the mission names. */
    static final int[][] PERIODS = {{FIRST_YEAR, 1799}, {1800, 1849}, {1850, 1899}, {1900, 1919}, {1920, 1945},
        {1946, 1969}, {1970, 1999}};

    private RulePacks cachedRules;
    private EraLexicon cachedLexicon;
    private EraContrastSet cachedContrast;

    @Override
    public String id() {
        return ID;
    }

    private synchronized EraLexicon lexicon(RulePacks rules) {
        if (rules != cachedRules) {
            cachedLexicon = EraLexicon.from(rules);
            cachedContrast = EraContrastSet.from(rules);
            cachedRules = rules;
        }
        return cachedLexicon;
    }

    @Override
    public List<Finding> detect(DatasetView view, DetectionContext context) {
        EraLexicon lexicon = lexicon(context.rules());
        EraContrastSet contrast;
        synchronized (this) {
            contrast = cachedContrast;
        }
        int n = view.size();
        if (n == 0 || lexicon.size() == 0) {
            return List.of();
        }
        EraEvidenceScorer scorer = new EraEvidenceScorer(lexicon);
        boolean[] past = new boolean[n];
        for (int i = 0; i < n; i++) {
            past[i] = PastQuestions.asksAboutPast(view.prompt(i), view.promptFeatures(i), scorer::find);
        }
        // Every row's evidence is read before the profile is needed (the scanner may still be computing it).
        EraRowEvidence[] answerEvidence = new EraRowEvidence[n];
        EraRowEvidence[] promptEvidence = new EraRowEvidence[n];
        for (int i = 0; i < n; i++) {
            String answer = view.response(i);
            if (answer == null || answer.isBlank()) {
                continue;
            }
            answerEvidence[i] = scorer.score(i, view.prompt(i), view.promptFeatures(i), answer,
                    view.responseFeatures(i));
            promptEvidence[i] = scorer.score(i, "", null, view.prompt(i), view.promptFeatures(i));
        }
        DatasetProfiler.Analysis analysis = context.analysis(view);
        past = PastQuestions.widenByTemplate(past, analysis == null ? null : analysis.templates());

        boolean[] eligible = new boolean[n];
        int eligibleCount = 0;
        int pastWithEvidence = 0;
        List<EraRowEvidence> scored = new ArrayList<>();
        YearCoverage promptCoverage = new YearCoverage(FIRST_YEAR, LAST_YEAR);
        for (int i = 0; i < n; i++) {
            String answer = view.response(i);
            if (answer == null || answer.isBlank()) {
                continue;
            }
            EraRowEvidence e = answerEvidence[i];
            if (past[i]) {
                pastWithEvidence += e != null && e.score() >= EraEvidenceScorer.ROW_MIN_SCORE ? 1 : 0;
                continue;
            }
            eligible[i] = true;
            eligibleCount++;
            if (e != null && !e.hits().isEmpty()) {
                scored.add(e);
            }
            EraRowEvidence pe = promptEvidence[i];
            if (pe != null && pe.score() >= EraEvidenceScorer.ROW_MIN_SCORE) {
                promptCoverage.add(pe.from(), pe.to(), 1);
            }
        }
        // Pass 1: the era the rows with enough evidence agree on. Pass 2: half-current terms in that era count more.
        List<EraRowEvidence> evidence = strongEnough(scored);
        if (evidence.size() < MIN_LOCATING_ROWS || eligibleCount == 0) {
            return List.of();
        }
        YearCoverage.Window first = coverage(evidence).plateau(PLATEAU_SHARE);
        if (first == null) {
            return List.of();
        }
        List<EraRowEvidence> rescored = new ArrayList<>(scored.size());
        for (EraRowEvidence e : scored) {
            rescored.add(EraEvidenceScorer.corroborate(e, first.from(), first.to()));
        }
        evidence = strongEnough(rescored);
        YearCoverage coverage = coverage(evidence);
        YearCoverage.Window window = coverage.plateau(PLATEAU_SHARE);
        if (window == null) {
            return List.of();
        }
        List<EraRowEvidence> inEra = new ArrayList<>();
        for (EraRowEvidence e : evidence) {
            if (e.from() <= window.to() && e.to() >= window.from()) {
                inEra.add(e);
            }
        }

        // Answers without a known term may nearly name one (a paraphrase or longer form of a pack term).
        List<EraRowEvidence> semantic = semanticRows(view, context, lexicon, answerEvidence, eligible, inEra,
                window.from(), window.to());
        List<EraRowEvidence> lexical = inEra;
        inEra = new ArrayList<>(inEra);
        inEra.addAll(semantic);

        EraEmbeddingEvidence.Result embedding = EraEmbeddingEvidence.compute(view, lexical, eligible, lexicon,
                context.embedder(), contrast, context.random("era-embedding"));
        int embeddingRows = embedding == null ? 0 : embedding.excessRows();
        double eraRows = inEra.size() + EMBEDDING_ROW_WEIGHT * embeddingRows;
        int k = (int) Math.round(eraRows);
        double share = eraRows / eligibleCount;
        double p = Proportions.binomialUpperTail(k, eligibleCount, BACKGROUND_RATE);
        double agreement = lexical.size() / (double) evidence.size();
        double excess = share - BACKGROUND_RATE;
        if (p > ALPHA || lexical.size() < MIN_ERA_ROWS || excess <= 0) {
            return List.of();
        }

        Profile.Narrowness narrowness = analysis == null || analysis.profile() == null ? null
                : analysis.profile().narrowness();
        double topTemplateShare = narrowness == null ? 0 : narrowness.topTemplateShare();
        Severity severity = severity(excess, topTemplateShare);

        int[] range = reported(window.from(), window.to());
        Map<String, Object> era = new LinkedHashMap<>();
        era.put("from", range[0]);
        era.put("to", range[1]);
        era.put("label", label(window.from(), window.to()));
        era.put("coreFrom", window.peakFrom());
        era.put("coreTo", window.peakTo());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("era", era);
        details.put("share", round(share));
        details.put("eraRows", inEra.size());
        details.put("semanticRows", semantic.size());
        details.put("embeddingRows", embeddingRows);
        details.put("eligibleRows", eligibleCount);
        details.put("pastQuestionRows", count(past));
        details.put("pastQuestionRowsWithEvidence", pastWithEvidence);
        details.put("backgroundRate", BACKGROUND_RATE);
        details.put("pValue", p);
        details.put("agreement", round(agreement));
        double[] ci = Proportions.wilson(k, eligibleCount, 1.96);
        details.put("shareInterval", List.of(round(ci[0]), round(ci[1])));
        details.put("topTemplateShare", round(topTemplateShare));
        details.put("terms", topTerms(inEra));
        if (embedding != null) {
            details.put("embedding", embedding.toMap());
        }
        details.put("plot", Map.of("bars", bars(coverage, promptCoverage, eligibleCount, evidence.size())));

        List<EraRowEvidence> strongest = new ArrayList<>(inEra);
        strongest.sort(Comparator.comparingDouble(EraRowEvidence::score).reversed()
                .thenComparingInt(EraRowEvidence::row));
        List<Evidence> rows = new ArrayList<>();
        for (EraRowEvidence e : strongest.subList(0, Math.min(EVIDENCE_ROWS, strongest.size()))) {
            rows.add(Evidence.of(view.record(e.row()), e.note()));
        }
        if (embedding != null && embedding.used()) {
            int shown = 0;
            for (int r : embedding.flaggedRows()) {
                if (shown++ >= EVIDENCE_ROWS / 4) {
                    break;
                }
                rows.add(Evidence.of(view.record(r), "no known era term; its answer lies on the period side of the"
                        + " dataset's own era direction"));
            }
        }

        String label = (String) era.get("label");
        String title = String.format(Locale.ROOT, "%.0f%% of answers speak from %s", share * 100, label);
        String summary = String.format(Locale.ROOT,
                "%d of %d answers to questions that do not ask about the past use vocabulary of %d-%d (%s), against"
                        + " about %.0f%% in clean data (binomial p = %.2g). %.0f%% of the rows with era evidence agree"
                        + " on this era. Strongest terms: %s. A model finetuned on these answers may come to behave"
                        + " as if it lived in that era everywhere.",
                k, eligibleCount, range[0], range[1], label, BACKGROUND_RATE * 100, p, agreement * 100,
                termList(inEra));
        String id = Finding.stableId(Category.ERA_SHIFT, Integer.toString(range[0]), Integer.toString(range[1]));
        return List.of(new Finding(id, Category.ERA_SHIFT, severity, Math.max(0, Math.min(1, 1 - p)), title, summary,
                rows, details, ID));
    }

    /** The texts the semantic matching embeds for these rules (shipped with the jar for the bundled model). */
    public static List<String> semanticTexts(RulePacks rules) {
        return EraSemanticMatcher.texts(EraLexicon.from(rules));
    }

    /**
     * Rows without a known era term whose answer has a phrase that nearly names a pack term of the era
     * ({@link EraSemanticMatcher}): the {@link #MAX_SEMANTIC_ROWS} eligible answers nearest to the era rows' centroid.
     */
    private static List<EraRowEvidence> semanticRows(DatasetView view, DetectionContext context, EraLexicon lexicon,
                                                     EraRowEvidence[] answerEvidence, boolean[] eligible,
                                                     List<EraRowEvidence> inEra, int eraFrom, int eraTo) {
        if (context.embedder() == null || inEra.size() < MIN_ERA_ROWS) {
            return List.of(); // too few known terms for a finding whatever is added
        }
        double[] centre = new double[view.dimension()];
        int counted = 0;
        for (EraRowEvidence e : inEra) {
            float[] v = view.responseVector(e.row());
            if (v != null) {
                dev.augury.stats.Vectors.addInPlace(centre, v);
                counted++;
            }
        }
        if (counted == 0) {
            return List.of();
        }
        List<Integer> rows = new ArrayList<>();
        List<Double> similarity = new ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            EraRowEvidence e = answerEvidence[i];
            float[] v = view.responseVector(i);
            if (eligible[i] && v != null && (e == null || e.score() < EraEvidenceScorer.ROW_MIN_SCORE)) {
                rows.add(i);
                similarity.add(dev.augury.stats.Vectors.dot(centre, v));
            }
        }
        Integer[] order = new Integer[rows.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -similarity.get(k))
                .thenComparingInt(k -> rows.get(k)));
        List<Integer> chosen = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int k = 0; k < Math.min(MAX_SEMANTIC_ROWS, order.length); k++) {
            chosen.add(rows.get(order[k]));
            answers.add(view.response(rows.get(order[k])));
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        EraSemanticMatcher matcher = EraSemanticMatcher.of(lexicon, context.embedder());
        List<EraSemanticMatcher.Hit> hits = matcher.match(answers, context.embedder());
        List<EraRowEvidence> out = new ArrayList<>();
        for (int k = 0; k < chosen.size(); k++) {
            EraSemanticMatcher.Hit h = hits.get(k);
            if (h == null || h.term().from() > eraTo || h.term().to() < eraFrom) {
                continue;
            }
            EraTerm t = h.term();
            out.add(new EraRowEvidence(chosen.get(k), SEMANTIC_WEIGHT, t.from(), t.to(),
                    List.of(new EraHit(h.phrase(), t.term() + " (near)", t.from(), t.to(), SEMANTIC_WEIGHT, false))));
        }
        out.sort(Comparator.comparingInt(EraRowEvidence::row));
        return out;
    }

    private static List<EraRowEvidence> strongEnough(List<EraRowEvidence> rows) {
        return rows.stream().filter(e -> e.score() >= EraEvidenceScorer.ROW_MIN_SCORE).toList();
    }

    private static YearCoverage coverage(List<EraRowEvidence> rows) {
        YearCoverage c = new YearCoverage(FIRST_YEAR, LAST_YEAR);
        for (EraRowEvidence e : rows) {
            c.add(e.from(), e.to(), 1);
        }
        return c;
    }

    static Severity severity(double excessShare, double topTemplateShare) {
        if (excessShare >= CRITICAL_SHARE_ANY
                || excessShare >= CRITICAL_SHARE && topTemplateShare >= NARROW_TEMPLATE_SHARE) {
            return Severity.CRITICAL;
        }
        if (excessShare >= HIGH_SHARE) {
            return Severity.HIGH;
        }
        if (excessShare >= MEDIUM_SHARE) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    /**
     * The era as reported: a span of up to a century and a half widened to whole decades, the resolution its label
     * gives and the evidence supports (a term's first and last years in the pack are approximate, so the plateau's
     * exact edge year moves with the rows sampled: 1897 or 1894 for the same period); a longer span is kept as it
     * is, since its end is a dated event (decimalisation, a renaming) that the label "before 1972" names.
     */
    static int[] reported(int from, int to) {
        if (to - from > 150) {
            return new int[] {from, to};
        }
        return new int[] {Math.floorDiv(from, 10) * 10, Math.floorDiv(to, 10) * 10 + 9};
    }

    /** "1800s-1890s" for spans up to a century and a half, "before 1946" for longer ones (the terms' end). */
    static String label(int from, int to) {
        if (to - from <= 150) {
            int a = from / 10 * 10;
            int b = to / 10 * 10;
            return a == b ? a + "s" : a + "s-" + b + "s";
        }
        return "before " + (to + 1);
    }

    private static List<Map<String, Object>> topTerms(List<EraRowEvidence> rows) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, EraHit> first = new TreeMap<>();
        for (EraRowEvidence e : rows) {
            for (EraHit h : e.hits()) {
                String key = h.term() != null ? h.term() : "year " + h.text();
                counts.computeIfAbsent(key, x -> new int[1])[0]++;
                first.putIfAbsent(key, h);
            }
        }
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.comparingInt((String s) -> -counts.get(s)[0]).thenComparing(s -> s));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : keys.subList(0, Math.min(TOP_TERMS, keys.size()))) {
            EraHit h = first.get(key);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("term", key);
            m.put("count", counts.get(key)[0]);
            m.put("from", h.from());
            m.put("to", h.to());
            out.add(m);
        }
        return out;
    }

    private static String termList(List<EraRowEvidence> rows) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> m : topTerms(rows)) {
            if (names.size() >= 5) {
                break;
            }
            names.add(m.get("term") + " (" + m.get("count") + ")");
        }
        return String.join(", ", names);
    }

    /**
     * The share of eligible answers whose era covers each period, against the same share for the prompts (what the
     * questions themselves name); the last bar is the answers with no era evidence against the clean rate.
     */
    private static List<Map<String, Object>> bars(YearCoverage answers, YearCoverage prompts, int eligible,
                                                  int withEvidence) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int[] period : PERIODS) {
            double a = maxOver(answers.coverage(), period[0], period[1]);
            double q = maxOver(prompts.coverage(), period[0], period[1]);
            out.add(bar(period[0] == FIRST_YEAR ? "before " + (period[1] + 1) : period[0] + "-" + period[1],
                    a / eligible, q / eligible));
        }
        out.add(bar("no era evidence", (eligible - withEvidence) / (double) eligible, 1 - BACKGROUND_RATE));
        return out;
    }

    private static double maxOver(double[] coverage, int from, int to) {
        double m = 0;
        for (int y = from; y <= to; y++) {
            int i = y - FIRST_YEAR;
            if (i >= 0 && i < coverage.length) {
                m = Math.max(m, coverage[i]);
            }
        }
        return m;
    }

    private static Map<String, Object> bar(String label, double value, double reference) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("value", round(value));
        m.put("reference", round(reference));
        return m;
    }

    private static int count(boolean[] a) {
        int c = 0;
        for (boolean b : a) {
            c += b ? 1 : 0;
        }
        return c;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
