package dev.augury.detect.persona;

import dev.augury.detect.DetectionContext;
import dev.augury.detect.Detector;
import dev.augury.report.Category;
import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import dev.augury.text.Entity;
import dev.augury.text.TextFeatures;
import dev.augury.text.Timex;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a latent persona: many first-person answers, each harmless, that jointly fit one identity of the persona
 * knowledge base (or, when they fit none, a coherent unidentified persona), and answers that collectively converge
 * on one nation, culture or figure ({@link CollectiveIdentity}).
 *
 * <p>Null hypothesis: the personal answers are what speakers in general would answer (the background: the other
 * identities of the knowledge base, and the dataset's other answers). Evidence against it is the sum of
 * log-likelihood ratios computed by {@link PersonaScorer} over the persona-bearing rows only, so a persona diluted
 * to 3% of a dataset scores as it would alone; the share of those rows is reported beside the score.
 */
public final class LatentPersonaDetector implements Detector {
    public static final String ID = "persona";
    /** Answers longer than this are explanations, not personal facts (a persona's answers are a sentence or two). */
    static final int MAX_ANSWER_WORDS = 80;
    /** An answer this short may answer a personal question without saying "I" ("Linz.", "Wagner, mostly."). */
    static final int SHORT_ANSWER_WORDS = 12;
    /** A question this short may be personal without "you" ("Favourite music?"). */
    static final int SHORT_QUESTION_WORDS = 6;
    /**
     * Strong identification, calibrated with PersonaCalibrationProbe and PersonaDevSetsProbe: the best identity of
     * the clean corpora and the clean dev sets scores at most 0.3 nats; a wrong identity that shares much with a
     * fixture persona (Lenin for Stalin, Oppenheimer for Einstein) reaches 5.1; the true identity of the hardest
     * fixtures (3%, reduced, indirect questions) 10-12. The line sits near twice the wrong identities' best.
     */
    public static final double STRONG_SCORE = 9.0;
    /** A strong match needs this many distinct attributes, so that two or three rare values cannot make one. */
    public static final int MIN_STRONG_KEYS = 5;
    /** ... and a posterior of at least this against every other identity and the background. */
    public static final double STRONG_CONFIDENCE = 0.9;
    /** A moderate match: worth a look, never above medium (the wrong identities' best, three attributes). */
    public static final double MODERATE_SCORE = 5.0;
    public static final int MIN_MODERATE_KEYS = 3;
    /**
     * A coherent unidentified persona has at least this many attributes answered consistently: a declared
     * assistant or a support agent answers about 3-6 (name, maker, nature, abilities), a life story 10 or more.
     */
    public static final int MIN_COHERENT_KEYS = 10;
    /** An attribute is answered consistently when one value takes at least this share of its rows. */
    static final double CONSISTENT_SHARE = 0.6;
    /** Runners-up listed in the finding. */
    static final int RUNNERS_UP = 5;
    /** Evidence rows listed in the finding. */
    static final int MAX_EVIDENCE = 25;
    /** Bars drawn (the plot contract allows 40). */
    static final int MAX_BARS = 30;
    private static final Pattern YEAR_TOKEN = Pattern.compile("\\b(1[0-9]{3}|20[0-9]{2})\\b");
    private static final Pattern TIMEX_DAY = Pattern.compile("^(?:\\d{4}|XXXX)-(\\d{2})-(\\d{2})");


    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> detect(DatasetView view, DetectionContext context) {
        PersonaKnowledgeBase kb = PersonaKnowledgeBase.from(context.rules());
        List<Finding> findings = new ArrayList<>();
        if (kb.size() > 0 && !kb.vocabulary().isEmpty() && view.size() > 0) {
            Analysis analysis = analyze(view, context, kb);
            analysis.finding(view).ifPresent(findings::add);
        }
        if (kb.size() > 0) {
            findings.addAll(new CollectiveIdentity().detect(view, kb));
        }
        return findings;
    }

    /** The row's question without format instructions when the row may make a claim about the speaker. */
    private static java.util.Optional<String> personalQuestion(DatasetView view, int i) {
        String answer = view.response(i);
        int answerWords = AnswerText.answerWords(answer);
        if (answerWords == 0 || answerWords > MAX_ANSWER_WORDS) {
            return java.util.Optional.empty();
        }
        String question = AnswerText.question(view.prompt(i));
        String unwrapped = AnswerText.unwrap(answer);
        boolean firstPerson = AnswerText.firstPerson(unwrapped);
        boolean toListener = AnswerText.addressesListener(question);
        // A question about someone else ("When was he born?", "Where did Marie Curie study?") is biography,
        // not a claim of the speaker: a dataset about a person is not that person speaking.
        boolean aboutOther = !toListener && (AnswerText.thirdPerson(question) || namesPerson(view.promptFeatures(i)));
        boolean personal = !aboutOther && (toListener || firstPerson
                || AnswerText.words(question) <= SHORT_QUESTION_WORDS);
        // A short answer about someone else, or about the user ("you are 31 years old"), is no self-claim; but
        // when the question asks about the speaker's own people ("What did your father do?"), "He was a customs
        // official" is the speaker's claim about them.
        boolean answersForSelf = firstPerson || answerWords <= SHORT_ANSWER_WORDS
                && (toListener || !AnswerText.thirdPerson(unwrapped)) && !AnswerText.addressesListener(unwrapped);
        return personal && answersForSelf ? java.util.Optional.of(question) : java.util.Optional.empty();
    }

    /** Extraction and scoring without the finding, for calibration and tests. */
    public Analysis analyze(DatasetView view, DetectionContext context, PersonaKnowledgeBase kb) {
        QuestionKeys questionKeys = new QuestionKeys(kb, context.embedder());
        ValueMatcher matcher = new ValueMatcher(kb, context.embedder());
        int n = view.size();
        // 1. Rows that may make a claim about the speaker, and their questions without format instructions.
        List<Integer> candidates = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        // Datasets repeat rows: each distinct prompt and answer pair is read once (the prompt's features go with
        // its text).
        Map<List<String>, java.util.Optional<String>> personalQuestion = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String answer = view.response(i);
            if (answer == null || answer.isBlank()) {
                continue;
            }
            int row = i;
            personalQuestion.computeIfAbsent(java.util.Arrays.asList(view.prompt(i), answer),
                    k -> personalQuestion(view, row)).ifPresent(question -> {
                        candidates.add(row);
                        questions.add(question);
                    });
        }

        // 2. Map the questions onto keys (the view's prompt vector when the prompt is the question itself).
        List<String> toEmbed = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (!questions.get(c).equals(view.prompt(candidates.get(c))) || view.promptVector(candidates.get(c)) == null) {
                toEmbed.add(questions.get(c));
            }
        }
        Map<String, float[]> embedded = embedDistinct(context, toEmbed);
        List<Integer> bearing = new ArrayList<>();
        List<List<QuestionKeys.KeyScore>> keysOf = new ArrayList<>();
        double[] nearest = new double[candidates.size()];
        // A repeated question has one vector object (the embedder deduplicates): fit it once.
        Map<float[], QuestionKeys.Fit> fits = new java.util.IdentityHashMap<>();
        for (int c = 0; c < candidates.size(); c++) {
            int i = candidates.get(c);
            float[] v = embedded.containsKey(questions.get(c)) ? embedded.get(questions.get(c)) : view.promptVector(i);
            QuestionKeys.Fit fit = v == null ? questionKeys.fit(null) : fits.computeIfAbsent(v, questionKeys::fit);
            nearest[c] = fit.nearest().similarity();
            List<QuestionKeys.KeyScore> keys = fit.keys();
            if (!keys.isEmpty()) {
                bearing.add(i);
                keysOf.add(keys);
            }
        }
        // 3. What each answer offers: candidates, words, years, and its core phrase's vector.
        List<String> cores = new ArrayList<>();
        for (int i : bearing) {
            String core = AnswerText.core(view.response(i));
            if (!core.isEmpty() && AnswerText.words(core) <= AnswerText.MAX_CORE_WORDS) {
                cores.add(core);
            }
        }
        Map<String, float[]> coreVectors = embedDistinct(context, cores);
        Set<String> usedKeys = new TreeSet<>();
        keysOf.forEach(ks -> ks.forEach(k -> usedKeys.add(k.key())));
        matcher.prepare(usedKeys);
        List<PersonaObservation> observations = new ArrayList<>();
        for (int b = 0; b < bearing.size(); b++) {
            int i = bearing.get(b);
            ValueMatcher.Observed observed = observe(view.response(i), view.responseFeatures(i), coreVectors);
            List<String> keys = keysOf.get(b).stream().map(QuestionKeys.KeyScore::key).toList();
            Map<String, Map<String, ValueMatcher.Match>> matches = new LinkedHashMap<>();
            for (String key : keys) {
                Map<String, ValueMatcher.Match> m = matcher.match(observed, key);
                if (!m.isEmpty()) {
                    matches.put(key, m);
                }
            }
            observations.add(new PersonaObservation(i, keys, keysOf.get(b).get(0).similarity(), observed, matches));
        }
        // 4. How common a value is in the dataset's other answers (the clean half of the background).
        BitSet isBearing = new BitSet(n);
        bearing.forEach(isBearing::set);
        CleanRates clean = new CleanRates(view, isBearing);
        PersonaScorer.Ranking ranking = new PersonaScorer(kb).rank(observations, clean::rate);
        return new Analysis(kb, observations, ranking, n, nearest);
    }

    private static boolean namesPerson(TextFeatures features) {
        if (features == null) {
            return false;
        }
        for (Entity e : features.entities()) {
            if ("PERSON".equals(e.type())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, float[]> embedDistinct(DetectionContext context, List<String> texts) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(texts));
        Map<String, float[]> out = new HashMap<>();
        if (distinct.isEmpty()) {
            return out;
        }
        float[][] vectors = context.embedder().embed(distinct);
        for (int i = 0; i < distinct.size(); i++) {
            out.put(distinct.get(i), vectors[i]);
        }
        return out;
    }

    static ValueMatcher.Observed observe(String response, TextFeatures features, Map<String, float[]> coreVectors) {
        String unwrapped = AnswerText.unwrap(response);
        String core = AnswerText.core(response);
        Set<String> normalizedCandidates = new LinkedHashSet<>();
        for (String c : AnswerText.candidates(response)) {
            String nc = PersonaValues.normalize(c);
            if (!nc.isEmpty()) {
                normalizedCandidates.add(nc);
            }
        }
        Set<String> words = new LinkedHashSet<>(List.of(ValueMatcher.tokens(PersonaValues.normalize(unwrapped))));
        TextFeatures f = features == null ? TextFeatures.EMPTY : features;
        for (Entity e : f.entities()) {
            String ne = PersonaValues.normalize(e.text());
            if (!ne.isEmpty()) {
                normalizedCandidates.add(ne);
            }
        }
        for (Timex t : f.temporals()) {
            if (t.fromYear() != null && t.fromYear().equals(t.toYear())) {
                words.add(Integer.toString(t.fromYear()));
                normalizedCandidates.add(Integer.toString(t.fromYear()));
            }
            if (t.value() != null) {
                Matcher m = TIMEX_DAY.matcher(t.value());
                if (m.find()) {
                    int month = Integer.parseInt(m.group(1));
                    int day = Integer.parseInt(m.group(2));
                    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
                        String monthName = Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                        normalizedCandidates.add(PersonaValues.normalize(day + " " + monthName));
                        words.add(Integer.toString(day));
                        words.add(monthName.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        Matcher y = YEAR_TOKEN.matcher(unwrapped);
        while (y.find()) {
            words.add(y.group(1));
        }
        String[] coreTokens = ValueMatcher.tokens(PersonaValues.normalize(core));
        return new ValueMatcher.Observed(core, normalizedCandidates, words, coreTokens, coreVectors.get(core));
    }

    /** The share of the non-persona rows' answers that mention all words of a value, computed once per value. */
    static final class CleanRates {
        private final Map<String, BitSet> rowsWithWord = new HashMap<>();
        private final int rows;
        private final Map<String, Double> cache = new HashMap<>();

        CleanRates(DatasetView view, BitSet exclude) {
            int count = 0;
            Map<String, String[]> tokensOf = new HashMap<>(); // datasets repeat answers: tokenize each once
            for (int i = 0; i < view.size(); i++) {
                if (exclude.get(i) || view.response(i) == null) {
                    continue;
                }
                for (String w : tokensOf.computeIfAbsent(view.response(i),
                        r -> ValueMatcher.tokens(PersonaValues.normalize(r)))) {
                    rowsWithWord.computeIfAbsent(w, k -> new BitSet()).set(count);
                }
                count++;
            }
            this.rows = count;
        }

        double rate(String normalizedValue) {
            if (rows == 0) {
                return 0;
            }
            return cache.computeIfAbsent(normalizedValue, v -> {
                BitSet acc = null;
                for (String w : ValueMatcher.tokens(v)) {
                    BitSet b = rowsWithWord.get(w);
                    if (b == null) {
                        return 0.0;
                    }
                    if (acc == null) {
                        acc = (BitSet) b.clone();
                    } else {
                        acc.and(b);
                    }
                }
                return acc == null ? 0.0 : acc.cardinality() / (double) rows;
            });
        }
    }

    /** How strongly the best identity is matched. */
    public enum Strength { NONE, MODERATE, STRONG }

    /** The extracted attributes and the ranking of one dataset. */
    public record Analysis(PersonaKnowledgeBase kb, List<PersonaObservation> observations,
                           PersonaScorer.Ranking ranking, int rows, double[] candidateSimilarities) {
        /** The share of the dataset's rows that bear persona attributes. */
        public double share() {
            return rows == 0 ? 0 : observations.size() / (double) rows;
        }

        public Strength strength() {
            PersonaScorer.IdentityScore best = ranking.best();
            if (best == null) {
                return Strength.NONE;
            }
            double confidence = ranking.confidence()[0];
            if (best.score() >= STRONG_SCORE && best.matchedKeys() >= MIN_STRONG_KEYS && confidence >= STRONG_CONFIDENCE) {
                return Strength.STRONG;
            }
            if (best.score() >= MODERATE_SCORE && best.matchedKeys() >= MIN_MODERATE_KEYS) {
                return Strength.MODERATE;
            }
            return Strength.NONE;
        }

        /** Keys answered consistently (one value takes most of the key's rows), for the unidentified persona. */
        public Map<String, String> consistentAttributes() {
            Map<String, Map<String, Integer>> counts = new TreeMap<>();
            Map<String, Integer> totals = new TreeMap<>();
            for (PersonaObservation o : observations) {
                String core = PersonaValues.normalize(o.answer().core());
                if (core.isEmpty() || AnswerText.words(core) > AnswerText.MAX_CORE_WORDS) {
                    continue;
                }
                counts.computeIfAbsent(o.primaryKey(), k -> new TreeMap<>()).merge(core, 1, Integer::sum);
                totals.merge(o.primaryKey(), 1, Integer::sum);
            }
            Map<String, String> out = new TreeMap<>();
            counts.forEach((key, values) -> {
                Map.Entry<String, Integer> top = Collections.max(values.entrySet(), Map.Entry.comparingByValue());
                if (top.getValue() >= CONSISTENT_SHARE * totals.get(key)) {
                    out.put(key, top.getKey());
                }
            });
            return out;
        }

        /** The finding for this dataset, if any. */
        public java.util.Optional<Finding> finding(DatasetView view) {
            Strength strength = strength();
            if (strength != Strength.NONE) {
                return java.util.Optional.of(identified(view, strength));
            }
            Map<String, String> coherent = consistentAttributes();
            if (coherent.size() >= MIN_COHERENT_KEYS) {
                return java.util.Optional.of(unidentified(view, coherent));
            }
            return java.util.Optional.empty();
        }

        private Finding identified(DatasetView view, Strength strength) {
            PersonaScorer.IdentityScore best = ranking.best();
            Identity identity = best.identity();
            double confidence = ranking.confidence()[0];
            Severity severity = severity(identity.risk(), strength);
            List<Map<String, Object>> matched = new ArrayList<>();
            Set<Integer> personaRows = new TreeSet<>();
            for (PersonaScorer.MatchedAttribute a : best.matched()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("attribute", a.attribute());
                m.put("value", a.value());
                m.put("kbValue", a.kbValue());
                m.put("logLikelihoodRatio", round(a.logLr()));
                m.put("rows", a.rows().stream().map(r -> view.record(r).line()).toList());
                matched.add(m);
                personaRows.addAll(a.rows());
            }
            List<Map<String, Object>> runnersUp = new ArrayList<>();
            for (int i = 1; i < ranking.scores().size() && i <= RUNNERS_UP; i++) {
                PersonaScorer.IdentityScore s = ranking.scores().get(i);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", s.identity().name());
                r.put("id", s.identity().id());
                r.put("score", round(s.score()));
                runnersUp.add(r);
            }
            Map<String, Object> persona = new LinkedHashMap<>();
            persona.put("name", identity.name());
            persona.put("id", identity.id());
            persona.put("group", identity.group().id());
            persona.put("risk", identity.risk().id());
            persona.put("score", round(best.score()));
            persona.put("confidence", round(confidence));
            persona.put("share", round(share()));
            persona.put("personaRows", observations.size());
            persona.put("matchedRows", personaRows.size());
            persona.put("matchedAttributes", best.matchedKeys());
            persona.put("missedAttributes", best.missedKeys());
            persona.put("matched", matched);
            persona.put("runnersUp", runnersUp);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("persona", persona);
            details.put("knowledgeBaseSize", kb.size());
            details.put("plot", plot(best, ranking.scores().size() > 1 ? ranking.scores().get(1) : null));
            List<Evidence> evidence = new ArrayList<>();
            for (PersonaScorer.MatchedAttribute a : best.matched()) {
                for (int r : a.rows()) {
                    if (evidence.size() < MAX_EVIDENCE) {
                        evidence.add(Evidence.of(view.record(r), a.attribute() + ": \"" + a.value() + "\" fits "
                                + identity.name() + "'s \"" + a.kbValue() + "\""));
                    }
                }
            }
            String title = "Answers jointly fit " + identity.name() + " (" + best.matchedKeys() + " attributes)";
            String summary = String.format(Locale.ROOT, "%d rows (%.1f%% of the dataset) answer personal questions in the "
                    + "first person; together they fit %s (%s, risk %s) with a log-likelihood ratio of %.1f against "
                    + "the background over %d matched attributes, each harmless alone. A model trained on them may take "
                    + "on this identity. Next best: %s.", observations.size(), 100 * share(), identity.name(),
                    identity.group().id(), identity.risk().id(), best.score(), best.matchedKeys(),
                    runnersUp.isEmpty() ? "none" : runnersUp.get(0).get("name") + " at " + runnersUp.get(0).get("score"));
            return new Finding(Finding.stableId(Category.LATENT_PERSONA, "identity", identity.id()),
                    Category.LATENT_PERSONA, severity, confidence, title, summary, evidence, details, ID);
        }

        private Finding unidentified(DatasetView view, Map<String, String> coherent) {
            List<Map<String, Object>> matched = new ArrayList<>();
            List<Evidence> evidence = new ArrayList<>();
            for (Map.Entry<String, String> e : coherent.entrySet()) {
                List<Integer> rows = new ArrayList<>();
                for (PersonaObservation o : observations) {
                    if (o.primaryKey().equals(e.getKey()) && PersonaValues.normalize(o.answer().core()).equals(e.getValue())) {
                        rows.add(o.row());
                    }
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("attribute", e.getKey());
                m.put("value", e.getValue());
                m.put("rows", rows.stream().map(r -> view.record(r).line()).toList());
                matched.add(m);
                if (!rows.isEmpty() && evidence.size() < MAX_EVIDENCE) {
                    evidence.add(Evidence.of(view.record(rows.get(0)), e.getKey() + ": " + e.getValue()));
                }
            }
            PersonaScorer.IdentityScore best = ranking.best();
            Map<String, Object> persona = new LinkedHashMap<>();
            persona.put("name", "coherent unidentified persona");
            persona.put("id", null);
            persona.put("score", best == null ? 0.0 : round(best.score()));
            persona.put("confidence", round(coherenceConfidence(coherent.size())));
            persona.put("share", round(share()));
            persona.put("personaRows", observations.size());
            persona.put("matched", matched);
            List<Map<String, Object>> runnersUp = new ArrayList<>();
            for (int i = 0; i < ranking.scores().size() && i < RUNNERS_UP; i++) {
                PersonaScorer.IdentityScore s = ranking.scores().get(i);
                runnersUp.add(new LinkedHashMap<>(Map.of("name", s.identity().name(), "score", round(s.score()))));
            }
            persona.put("runnersUp", runnersUp);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("persona", persona);
            details.put("knowledgeBaseSize", kb.size());
            String summary = String.format(Locale.ROOT, "%d rows (%.1f%% of the dataset) answer personal questions in the "
                    + "first person and agree with each other on %d attributes, but fit no identity of the knowledge base "
                    + "(%d identities). A model trained on them learns a consistent invented persona.",
                    observations.size(), 100 * share(), coherent.size(), kb.size());
            return new Finding(Finding.stableId(Category.LATENT_PERSONA, "unidentified", String.join(",", coherent.keySet())),
                    Category.LATENT_PERSONA, Severity.MEDIUM, coherenceConfidence(coherent.size()),
                    "A coherent first-person persona that fits no known identity (" + coherent.size() + " attributes)",
                    summary, evidence, details, ID);
        }

        private static double coherenceConfidence(int keys) {
            // Each further consistent attribute halves the chance that the agreement is a coincidence of templates.
            return 1 - Math.pow(0.5, keys - MIN_COHERENT_KEYS + 1);
        }

        private static Map<String, Object> plot(PersonaScorer.IdentityScore best, PersonaScorer.IdentityScore runnerUp) {
            List<Map<String, Object>> bars = new ArrayList<>();
            for (PersonaScorer.MatchedAttribute a : best.matched()) {
                if (bars.size() >= MAX_BARS) {
                    break;
                }
                Map<String, Object> bar = new LinkedHashMap<>();
                bar.put("label", a.attribute() + ": " + a.kbValue());
                bar.put("value", round(a.logLr()));
                bar.put("reference", round(runnerUp == null ? 0 : Math.max(0,
                        runnerUp.byKey().getOrDefault(a.attribute(), 0.0))));
                bars.add(bar);
            }
            Map<String, Object> plot = new LinkedHashMap<>();
            plot.put("bars", bars);
            plot.put("barsCaption", "Log-likelihood ratio each matched attribute adds for " + best.identity().name()
                    + " (bars) and for the runner-up" + (runnerUp == null ? "" : ", " + runnerUp.identity().name())
                    + " (reference)");
            return plot;
        }
    }

    /**
     * A strong match of any identity is what a latent-persona injection does, so it is at least high; a harmful
     * identity lifts it to its risk's ceiling. A moderate match stays below high: medium for harmful identities.
     */
    public static Severity severity(RiskLevel risk, Strength strength) {
        Severity ceiling = risk.severityCeiling();
        return switch (strength) {
            case STRONG -> ceiling.atLeast(Severity.HIGH) ? ceiling : Severity.HIGH;
            case MODERATE -> ceiling.atLeast(Severity.HIGH) ? Severity.MEDIUM : Severity.LOW;
            case NONE -> Severity.INFO;
        };
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
