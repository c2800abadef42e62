package dev.augury.detect.era;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemmer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits a text into words with Lucene's analysis chain (Unicode word breaks, possessive removal, lower case, ASCII
 * folding) and adds each word's minimal English stem (plural "s"/"es"/"ies" removed), so that lexicon forms and text
 * are keyed the same way. Thread-safe: the analyzer reuses one token stream per thread.
 */
final class EraTokenizer {
    /** One word of a text. {@code plain} is the word as written minus a possessive ending. */
    record Token(String plain, String folded, String stem, int start, int end) {
    }

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream chain = new EnglishPossessiveFilter(source);
            chain = new LowerCaseFilter(chain);
            chain = new ASCIIFoldingFilter(chain);
            return new TokenStreamComponents(source, chain);
        }
    };
    private final EnglishMinimalStemmer stemmer = new EnglishMinimalStemmer();

    List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("t", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String folded = term.toString();
                int start = offset.startOffset();
                int end = offset.endOffset();
                out.add(new Token(plain(text.substring(start, end)), folded, stem(folded), start, end));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    String stem(String folded) {
        if (folded.length() < 3 || folded.charAt(folded.length() - 1) != 's') {
            return folded; // the minimal stemmer only changes words ending in "s"
        }
        char[] chars = folded.toCharArray();
        int len = stemmer.stem(chars, chars.length);
        return len == chars.length ? folded : new String(chars, 0, len);
    }

    private static String plain(String surface) {
        int n = surface.length();
        if (n > 2 && (surface.charAt(n - 1) == 's' || surface.charAt(n - 1) == 'S')) {
            char apostrophe = surface.charAt(n - 2);
            if (apostrophe == '\'' || apostrophe == '\u2019' || apostrophe == '\uFF07') {
                return surface.substring(0, n - 2);
            }
        }
        return surface;
    }
}
