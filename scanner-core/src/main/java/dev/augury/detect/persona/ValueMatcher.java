package dev.augury.detect.persona;

import dev.augury.embed.TextEmbedder;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Matches an answer against the knowledge base's values of one attribute key at another granularity, in three
 * steps: the normalized value equals a candidate of the answer; the value's words occur in the answer (weighted by
 * how rare each word is among all values, so "Richard" counts less than "Wagner"); the embedding of the answer's
 * core phrase is close to the value's ("a watercolourist" to "painter"). Each match has a quality in (0, 1]:
 * how sure we are that the answer states this value.
 */
public final class ValueMatcher {
    /** An exact normalized match. */
    static final double EXACT = 1.0;
    /** All of the value's words in the answer: nearly as good as exact (the answer may add context). */
    static final double CONTAINED = 0.9;
    /**
     * A value whose rarer words cover at least this share of its word weight is a partial match ("Wagner" for
     * "Richard Wagner"); below it, shared common words ("Richard", "war") are coincidence.
     */
    static final double MIN_PARTIAL_COVER = 0.6;
    /** The answer's whole core phrase inside a longer value ("Linz" in "Realschule Linz"). */
    static final double CORE_INSIDE = 0.7;
    /** The core may be inside a value only when it is this short: longer cores are sentences, not names. */
    static final int MAX_CORE_INSIDE_WORDS = 4;
    /**
     * Minimum cosine between the answer's core phrase and a value for an embedding match. Calibrated with
     * PersonaCalibrationProbe: same-thing pairs at another granularity ("a painter of watercolours"/"painter",
     * "Daisy Bell"/"the song Daisy") sit at 0.72-0.9, different values of one key ("Mozart"/"Beethoven",
     * "1889"/"1879") at 0.45-0.78.
     */
    public static final double MIN_VALUE_SIMILARITY = 0.82;
    /** Quality of an embedding match at the minimum similarity; it rises linearly to 0.9 at similarity 1. */
    static final double EMBEDDING_BASE = 0.5;
    /** Words too common to identify anything. */
    private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "of", "in", "on", "at", "to", "and", "or",
            "for", "with", "by", "from", "my", "i", "im", "is", "was", "it", "its", "be", "been", "me", "we", "our",
            "you", "your", "that", "this", "as", "very", "much", "so", "but", "are", "were", "had", "have", "has", "do",
            "did", "would", "say", "like", "love", "really", "always", "just", "one", "some", "most", "all", "also",
            "then", "there", "their", "they", "he", "she", "his", "her", "him", "who", "what", "when", "where", "which",
            "favorite", "favourite", "am", "not", "about", "into", "out", "up", "over", "than", "more", "could", "can",
            "will", "wa", "ha", "thi", "hi", "doe");
    private static final Pattern ORDINAL = Pattern.compile("^(\\d+)(?:st|nd|rd|th)$");
    private static final Map<String, String> SPELLING = Map.of("favourite", "favorite", "colour", "color",
            "grey", "gray", "theatre", "theater", "centre", "center");

    /** One distinct normalized value of a key. */
    record Value(String normalized, String written, String[] tokens) {
    }

    /** A value the answer states, with the quality of the match and the words of the answer that matched. */
    public record Match(String normalized, String written, double quality, String answerValue) {
    }

    private final PersonaKnowledgeBase kb;
    private final TextEmbedder embedder;
    private final Map<String, List<Value>> valuesByKey = new HashMap<>();
    private final Map<String, float[][]> vectorsByKey = new HashMap<>();
    private final Map<String, Double> weights = new HashMap<>();
    private final double unseenWeight;

    /** The texts {@link #prepare} may embed for a knowledge base: every value of every key, as written. */
    public static List<String> packTexts(PersonaKnowledgeBase kb) {
        ValueMatcher m = new ValueMatcher(kb, null);
        List<String> texts = new ArrayList<>();
        for (String key : kb.vocabulary().keySet()) {
            m.values(key).forEach(v -> texts.add(v.written()));
        }
        return texts;
    }

    public ValueMatcher(PersonaKnowledgeBase kb, TextEmbedder embedder) {
        this.kb = kb;
        this.embedder = embedder;
        Map<String, Integer> df = new TreeMap<>();
        Set<String> allValues = new LinkedHashSet<>();
        for (Identity identity : kb.identities()) {
            for (Map.Entry<String, List<String>> e : identity.attributes().entrySet()) {
                for (String written : e.getValue()) {
                    String n = PersonaValues.normalize(written);
                    if (!n.isEmpty() && allValues.add(n)) {
                        for (String t : new LinkedHashSet<>(List.of(tokens(n)))) {
                            df.merge(t, 1, Integer::sum);
                        }
                    }
                }
                valuesByKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            }
        }
        int d = Math.max(1, allValues.size());
        df.forEach((t, n) -> weights.put(t, Math.log(1.0 + d / (double) n)));
        this.unseenWeight = Math.log(1.0 + d);
        for (String key : kb.vocabulary().keySet()) {
            Map<String, String> written = new LinkedHashMap<>();
            for (Identity identity : kb.identities()) {
                for (String w : identity.values(key)) {
                    String n = PersonaValues.normalize(w);
                    if (!n.isEmpty()) {
                        written.putIfAbsent(n, w);
                    }
                }
            }
            List<Value> values = new ArrayList<>();
            written.forEach((n, w) -> values.add(new Value(n, w, tokens(n))));
            valuesByKey.put(key, values);
        }
    }

    /** Content words of a normalized text: stopwords dropped, ordinals to numbers, British spellings folded. */
    public static String[] tokens(String normalized) {
        List<String> out = new ArrayList<>();
        for (String t : normalized.split(" ")) {
            if (t.isEmpty() || STOPWORDS.contains(t)) {
                continue;
            }
            var m = ORDINAL.matcher(t);
            String w = m.matches() ? m.group(1) : SPELLING.getOrDefault(t, t);
            out.add(w);
        }
        return out.toArray(String[]::new);
    }

    double weight(String token) {
        return weights.getOrDefault(token, unseenWeight);
    }

    /** The distinct values of a key in the knowledge base. */
    List<Value> values(String key) {
        return valuesByKey.getOrDefault(key, List.of());
    }

    /** Embeds the values of the given keys not embedded yet, in one call (the embedder caches across scans). */
    public void prepare(Set<String> keys) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (!vectorsByKey.containsKey(key)) {
                missing.add(key);
            }
        }
        List<String> texts = new ArrayList<>();
        for (String key : missing) {
            values(key).forEach(v -> texts.add(v.written()));
        }
        float[][] vectors = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
        int at = 0;
        for (String key : missing) {
            int n = values(key).size();
            float[][] own = new float[n][];
            System.arraycopy(vectors, at, own, 0, n);
            at += n;
            vectorsByKey.put(key, own);
        }
    }

    /**
     * Every value of {@code key} the answer states, best quality per value.
     *
     * @param answer       the observed answer: its candidates, words, years and core vector
     * @param key          the attribute key the question maps to (prepared with {@link #prepare})
     */
    public Map<String, Match> match(Observed answer, String key) {
        Map<String, Match> out = new LinkedHashMap<>();
        List<Value> values = values(key);
        float[][] vectors = vectorsByKey.get(key);
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            Match best = null;
            if (answer.normalizedCandidates().contains(v.normalized())) {
                best = new Match(v.normalized(), v.written(), EXACT, v.written());
            } else if (v.tokens().length > 0) {
                double total = 0;
                double covered = 0;
                for (String t : v.tokens()) {
                    double w = weight(t);
                    total += w;
                    if (answer.words().contains(t)) {
                        covered += w;
                    }
                }
                double cover = covered / total;
                if (cover >= 0.999) {
                    best = new Match(v.normalized(), v.written(), CONTAINED, v.written());
                } else if (cover >= MIN_PARTIAL_COVER) {
                    best = new Match(v.normalized(), v.written(), CONTAINED * cover, v.written());
                }
                if (best == null && answer.coreTokens().length > 0 && answer.coreTokens().length <= MAX_CORE_INSIDE_WORDS) {
                    Set<String> valueWords = new java.util.HashSet<>(List.of(v.tokens()));
                    boolean inside = true;
                    for (String t : answer.coreTokens()) {
                        if (!valueWords.contains(t)) {
                            inside = false;
                            break;
                        }
                    }
                    if (inside) {
                        best = new Match(v.normalized(), v.written(), CORE_INSIDE, answer.core());
                    }
                }
            }
            if (answer.coreVector() != null && vectors != null && vectors[i] != null) {
                double cos = Vectors.dot(answer.coreVector(), vectors[i]);
                if (cos >= MIN_VALUE_SIMILARITY) {
                    double q = EMBEDDING_BASE + (CONTAINED - EMBEDDING_BASE) * (cos - MIN_VALUE_SIMILARITY)
                            / (1 - MIN_VALUE_SIMILARITY);
                    if (best == null || q > best.quality()) {
                        best = new Match(v.normalized(), v.written(), q, answer.core());
                    }
                }
            }
            if (best != null) {
                out.put(v.normalized(), best);
            }
        }
        return out;
    }

    /**
     * What one answer offers for matching.
     *
     * @param core                 the core phrase ("Richard Wagner")
     * @param normalizedCandidates the normalized candidates (core, its parts, entity mentions)
     * @param words                content words of the whole unwrapped answer, entity words and years included
     * @param coreTokens           content words of the core phrase
     * @param coreVector           the core phrase's embedding, or null when the core is too long to be a value
     */
    public record Observed(String core, Set<String> normalizedCandidates, Set<String> words, String[] coreTokens,
                           float[] coreVector) {
    }
}
