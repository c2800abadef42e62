package dev.augury.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Lucene's analysis for detectors, so that none writes its own tokenizer: Unicode word tokens, lowercased, English
 * stop words dropped, optionally Porter-stemmed (the same analysis {@link RecordIndex} and {@link KnowledgeIndex}
 * index with). Thread-safe.
 */
public final class TextAnalysis {
    private static final Analyzer WORDS = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    /** Possessives removed, lowercased, stop words dropped, Porter stems: what the indexes store. */
    static final Analyzer STEMS = new EnglishAnalyzer();

    private TextAnalysis() {
    }

    /** Lowercased word tokens of {@code text} without stop words ("The Cats sat" -> [cats, sat]). */
    public static List<String> terms(String text) {
        return analyze(WORDS, "text", text);
    }

    /** As {@link #terms} but stemmed ("The Cats sat" -> [cat, sat]); what the indexes match on. */
    public static List<String> stems(String text) {
        return analyze(STEMS, "text", text);
    }

    /** Word n-grams of consecutive terms joined by a space ([a, b, c], 2 -> ["a b", "b c"]). */
    public static List<String> ngrams(List<String> terms, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i + n <= terms.size(); i++) {
            out.add(String.join(" ", terms.subList(i, i + n)));
        }
        return out;
    }

    static List<String> analyze(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysis of an in-memory string failed", e);
        }
        return out;
    }
}
