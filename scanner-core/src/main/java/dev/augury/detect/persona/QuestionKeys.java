package dev.augury.detect.persona;

import dev.augury.embed.TextEmbedder;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps a personal question onto the vocabulary's attribute keys by the cosine similarity of its embedding to
 * the keys' question phrasings (nearest phrasing per key). A question may fit a few keys almost equally
 * ("Which music moves you?" fits favorite_music and favorite_composer), so every key close to the best is kept
 * and the answer is matched under each of them.
 */
public final class QuestionKeys {
    /**
     * Calibrated with PersonaCalibrationProbe and PersonaDevSetsProbe: the fixtures' deliberately indirect personal
     * questions reach 0.36-0.98 to their key's nearest phrasing (70% above 0.60, 80% above 0.55), while 97% of the
     * personal-looking rows of the clean dev sets (alpaca, sft demo, tool calls, identity) stay below 0.50; a wrong
     * key only costs a small miss, so the line sits low.
     */
    public static final double MIN_QUESTION_SIMILARITY = 0.55;
    /** Keys within this cosine of the best one are kept as alternatives (favorite_music vs favorite_composer). */
    public static final double KEY_MARGIN = 0.04;
    /** At most this many keys per question: more would let one answer match almost anything. */
    public static final int MAX_KEYS = 3;

    /** One key a question fits, with its similarity. */
    public record KeyScore(String key, double similarity) {
    }

    private final List<String> keys = new ArrayList<>();
    private final List<float[][]> phrasings = new ArrayList<>();

    /** The texts this class embeds for a knowledge base: every attribute's question phrasings. */
    public static List<String> packTexts(PersonaKnowledgeBase kb) {
        List<String> texts = new ArrayList<>();
        for (PersonaAttribute a : kb.vocabulary().values()) {
            texts.addAll(a.questions());
        }
        return texts;
    }

    public QuestionKeys(PersonaKnowledgeBase kb, TextEmbedder embedder) {
        List<String> texts = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (PersonaAttribute a : kb.vocabulary().values()) {
            if (a.questions().isEmpty()) {
                continue;
            }
            ranges.add(new int[] {texts.size(), texts.size() + a.questions().size()});
            texts.addAll(a.questions());
            keys.add(a.key());
        }
        float[][] vectors = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
        for (int[] r : ranges) {
            float[][] own = new float[r[1] - r[0]][];
            System.arraycopy(vectors, r[0], own, 0, own.length);
            phrasings.add(own);
        }
    }

    /**
     * The keys the question fits and its nearest key regardless of the minimum, from one pass over the phrasings.
     *
     * @param keys    as {@link #keysFor}
     * @param nearest as {@link #nearest} (similarity -1 for a null question)
     */
    public record Fit(List<KeyScore> keys, KeyScore nearest) {
    }

    public Fit fit(float[] question) {
        if (question == null) {
            return new Fit(List.of(), new KeyScore("", -1));
        }
        List<KeyScore> all = new ArrayList<>(keys.size());
        for (int k = 0; k < keys.size(); k++) {
            double best = -1;
            for (float[] p : phrasings.get(k)) {
                best = Math.max(best, Vectors.dot(question, p));
            }
            all.add(new KeyScore(keys.get(k), best));
        }
        all.sort(Comparator.comparingDouble(KeyScore::similarity).reversed().thenComparing(KeyScore::key));
        KeyScore nearest = all.isEmpty() ? new KeyScore("", -1) : all.get(0);
        return new Fit(select(all), nearest);
    }

    /** The keys the question (as a unit vector) fits, best first; empty when none reaches the minimum. */
    public List<KeyScore> keysFor(float[] question) {
        return fit(question).keys();
    }

    private static List<KeyScore> select(List<KeyScore> all) {
        if (all.isEmpty() || all.get(0).similarity() < MIN_QUESTION_SIMILARITY) {
            return List.of();
        }
        double top = all.get(0).similarity();
        List<KeyScore> out = new ArrayList<>();
        for (KeyScore s : all) {
            if (out.size() >= MAX_KEYS || s.similarity() < top - KEY_MARGIN || s.similarity() < MIN_QUESTION_SIMILARITY) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    /** The best key and its similarity regardless of the minimum (for calibration). */
    public KeyScore nearest(float[] question) {
        return fit(question).nearest();
    }
}
