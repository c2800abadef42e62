package dev.augury.detect.era;

import dev.augury.embed.TextEmbedder;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Names the era lexicon lacks but nearly has: a phrase of the answer whose embedding is almost that of a period
 * term of the pack ("incandescent electric lamp" for "incandescent lamp", "telephone exchange" for "telephone
 * exchange operator") and clearly closer to it than to any current name of the pack (its modern counterparts and
 * terms still in use). A near paraphrase, not a topic: a phrase must be of two words or more, reach
 * {@link #MIN_SIMILARITY} and lead the nearest current name by {@link #MIN_MARGIN}.
 *
 * <p>Only phrases that share a word with some period term are embedded, and each is compared with the period forms
 * that share one of its words (a longer or shorter form of a name keeps some of its words), so the cost is a few short
 * texts per answer read.
 */
final class EraSemanticMatcher {
    /**
     * Least cosine to the period term, calibrated on clean answers (EraSemanticCalibration, by hand: 15,484 answers
     * without a lexicon term from the clean fixture corpora and the 19 dev sets): near names must add at most a
     * twentieth of the era detector's 3% background, 0.15% of clean answers, so that they cannot carry a clean set
     * towards the test. At a lead of 0.15, 0.83 gives 0.11% (history answers: "post office", "various provinces",
     * "war and the end"); 0.82 gives 0.17%, 0.80 0.20%, 0.85 0.03%. The near names of the era fixtures reach 0.84
     * ("telephone exchange" to "telephone exchange operator") to 0.94, so a stricter rule (0.85) would lose the
     * first.
     */
    static final double MIN_SIMILARITY = 0.83;
    /**
     * Least lead over the nearest current name: phrases of today's things are closer to a current name than to any
     * period one ("video-call app": video call 0.85, videophone 0.64). On the clean answers a lead of 0.10 instead
     * gives 0.17% at 0.83, 0.20 gives 0.09%; the fixtures' near names lead by 0.22.
     */
    static final double MIN_MARGIN = 0.15;
    /** Phrases of this many words at most (names are short). */
    static final int MAX_PHRASE_WORDS = 4;
    /** Phrases read per answer at most (the shortest first): a long answer is no list of names. */
    static final int MAX_PHRASES_PER_ANSWER = 24;

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*");
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.!?;:,()\\[\\]\"“”\\n]");

    private final List<EraTerm> periodTerms = new ArrayList<>();
    private final float[][] periodVectors;
    private final float[][] currentVectors;
    /** Each content word of the period forms to the forms that have it: a phrase is compared with those only. */
    private final Map<String, int[]> formsWithWord = new HashMap<>();

    /** A phrase that nearly names a period term. */
    record Hit(String phrase, EraTerm term, double similarity, double margin) {
    }

    /** The pack's names in the two roles: period forms (with their entries) and current names. */
    private record Names(List<String> period, List<EraTerm> periodTerms, List<String> current) {
        static Names of(EraLexicon lexicon) {
            List<String> period = new ArrayList<>();
            List<EraTerm> terms = new ArrayList<>();
            Set<String> current = new LinkedHashSet<>();
            for (EraTerm t : lexicon.terms()) {
                if (t.to() >= EraEvidenceScorer.CURRENT_FROM) {
                    current.addAll(t.forms());
                    continue;
                }
                if (t.modern() != null && !t.modern().isBlank()) {
                    current.add(t.modern());
                }
                if (t.ambiguous() || t.kind() == EraKind.SPELLING || t.kind() == EraKind.WORD) {
                    continue; // a spelling has no paraphrase, and a half-current term's paraphrase is current too
                }
                for (String form : t.forms()) {
                    period.add(form);
                    terms.add(t);
                }
            }
            return new Names(period, terms, new ArrayList<>(current));
        }
    }

    private EraSemanticMatcher(EraLexicon lexicon, TextEmbedder embedder) {
        Names names = Names.of(lexicon);
        periodTerms.addAll(names.periodTerms());
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < names.period().size(); i++) {
            for (String w : new LinkedHashSet<>(words(names.period().get(i)))) {
                if (!isStopWord(w)) {
                    index.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
                }
            }
        }
        index.forEach((w, forms) -> formsWithWord.put(w, forms.stream().mapToInt(Integer::intValue).toArray()));
        periodVectors = names.period().isEmpty() ? new float[0][] : embedder.embed(names.period());
        currentVectors = names.current().isEmpty() ? new float[0][] : embedder.embed(names.current());
    }

    static EraSemanticMatcher of(EraLexicon lexicon, TextEmbedder embedder) {
        return new EraSemanticMatcher(lexicon, embedder);
    }

    /** The texts this matcher embeds for a lexicon (shipped with the jar for the bundled model). */
    static List<String> texts(EraLexicon lexicon) {
        Names names = Names.of(lexicon);
        Set<String> out = new LinkedHashSet<>(names.period());
        out.addAll(names.current());
        return new ArrayList<>(out);
    }

    /**
     * Candidate phrases of an answer: runs of two to {@link #MAX_PHRASE_WORDS} words within a clause that neither
     * start nor end with a stop word and share a word with some period term.
     */
    List<String> phrases(String answer) {
        List<String> out = new ArrayList<>();
        for (String clause : CLAUSE_BREAK.split(answer)) {
            List<String> ws = new ArrayList<>();
            Matcher m = WORD.matcher(clause);
            while (m.find()) {
                ws.add(m.group());
            }
            for (int len = 2; len <= MAX_PHRASE_WORDS; len++) {
                for (int i = 0; i + len <= ws.size(); i++) {
                    String first = ws.get(i).toLowerCase(Locale.ROOT);
                    String last = ws.get(i + len - 1).toLowerCase(Locale.ROOT);
                    if (isStopWord(first) || isStopWord(last)) {
                        continue;
                    }
                    boolean shares = false;
                    for (int k = i; k < i + len && !shares; k++) {
                        shares = formsWithWord.containsKey(ws.get(k).toLowerCase(Locale.ROOT));
                    }
                    if (shares) {
                        out.add(String.join(" ", ws.subList(i, i + len)));
                    }
                }
            }
        }
        if (out.size() > MAX_PHRASES_PER_ANSWER) {
            return new ArrayList<>(out.subList(0, MAX_PHRASES_PER_ANSWER));
        }
        return out;
    }

    /** For each answer, its best hit (or null), embedding every distinct phrase once. */
    List<Hit> match(List<String> answers, TextEmbedder embedder) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<List<String>> phrasesOf = new ArrayList<>();
        for (String a : answers) {
            List<String> ps = a == null ? List.of() : phrases(a);
            phrasesOf.add(ps);
            for (String p : ps) {
                index.putIfAbsent(p, index.size());
            }
        }
        List<Hit> out = new ArrayList<>();
        if (index.isEmpty() || periodVectors.length == 0) {
            answers.forEach(a -> out.add(null));
            return out;
        }
        float[][] vectors = embedder.embed(new ArrayList<>(index.keySet()));
        Map<String, Hit> hits = new HashMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            Hit h = nearest(e.getKey(), vectors[e.getValue()]);
            if (h != null) {
                hits.put(e.getKey(), h);
            }
        }
        for (List<String> ps : phrasesOf) {
            Hit best = null;
            for (String p : ps) {
                Hit h = hits.get(p);
                if (h != null && (best == null || h.similarity() > best.similarity())) {
                    best = h;
                }
            }
            out.add(best);
        }
        return out;
    }

    /**
     * {best similarity to a period form sharing a word, its lead over the nearest current name} per phrase, for
     * calibration.
     */
    double[][] scores(List<String> phrases, TextEmbedder embedder) {
        float[][] vectors = embedder.embed(phrases);
        double[][] out = new double[phrases.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = similarityAndMargin(phrases.get(i), vectors[i]);
        }
        return out;
    }

    private Hit nearest(String phrase, float[] v) {
        if (v == null) {
            return null;
        }
        int at = nearestForm(phrase, v);
        double best = at < 0 ? -1 : Vectors.dot(v, periodVectors[at]);
        if (best < MIN_SIMILARITY) {
            return null;
        }
        double margin = best - nearestCurrent(v);
        return margin >= MIN_MARGIN ? new Hit(phrase, periodTerms.get(at), best, margin) : null;
    }

    private double[] similarityAndMargin(String phrase, float[] v) {
        int at = nearestForm(phrase, v);
        double best = at < 0 ? -1 : Vectors.dot(v, periodVectors[at]);
        return new double[] {best, best - nearestCurrent(v)};
    }

    /** The period form nearest to the phrase among those sharing one of its words, or -1. */
    private int nearestForm(String phrase, float[] v) {
        // A longer or shorter form of a period term shares a word with it: only those forms are compared.
        Set<Integer> forms = new java.util.TreeSet<>();
        for (String w : words(phrase)) {
            int[] with = formsWithWord.get(w);
            if (with != null) {
                for (int i : with) {
                    forms.add(i);
                }
            }
        }
        double best = -1;
        int at = -1;
        for (int i : forms) {
            double c = Vectors.dot(v, periodVectors[i]);
            if (c > best) {
                best = c;
                at = i;
            }
        }
        return at;
    }

    private double nearestCurrent(float[] v) {
        double current = -1;
        for (float[] c : currentVectors) {
            current = Math.max(current, Vectors.dot(v, c));
        }
        return current;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean isStopWord(String lower) {
        return EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(lower);
    }
}
