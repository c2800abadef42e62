package dev.augury.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the variable parts of a prompt so that prompts of the same shape meet: quoted strings, dates, long digit
 * strings, years, other numbers, capitalized names in mid-sentence and rare words become slots; everything
 * else stays literal. The prompt comes back split into sentences, because a template is often one fixed
 * sentence ("Today is 2027-03-05.") in front of a question that varies.
 */
public final class PromptMasker {
    /** The kinds of slot, as they appear in a template's shape ("&lt;DATE&gt;"). */
    public enum Kind {
        QUOTE, DATE, DIGITS, YEAR, NUM, NAME, RARE, TEXT;

        public String mask() {
            return this == TEXT ? "<...>" : "<" + name() + ">";
        }
    }

    /** One piece of a sentence: literal text (kind null) or a slot with the text it replaced. */
    public record Piece(Kind kind, String text) {
        public boolean literal() {
            return kind == null;
        }

        public boolean literalWord() {
            return kind == null && Character.isLetter(text.codePointAt(0));
        }

        public String shape() {
            return kind == null ? text.toLowerCase(Locale.ROOT) : kind.mask();
        }
    }

    public record Sentence(List<Piece> pieces) {
        public Sentence {
            pieces = List.copyOf(pieces);
        }

        /** The sentence with its slots masked: "today is <DATE>." (literal words lower-cased). */
        public String shape() {
            return render(pieces, Piece::shape);
        }

        /** The sentence as written. */
        public String text() {
            return render(pieces, Piece::text);
        }

        public int literalWords() {
            int n = 0;
            for (Piece p : pieces) {
                if (p.literalWord()) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A raw token of a prompt: a slot kind it already is (quote, date, number...), or a word or punctuation. */
    record Token(Kind kind, String text, boolean word, boolean newline) {
    }

    private static final String MONTHS = "(?i:january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
    private static final Set<String> MONTH_WORDS = Set.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
            "jul", "aug", "sept", "sep", "oct", "nov", "dec");
    /** Dates that start with a digit; tried only where a digit starts (the scanner is hand-written for speed). */
    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "(?:\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?"
                    + "|\\d{1,2}/\\d{1,2}/\\d{2,4}"
                    + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTHS + ",?\\s+\\d{4})(?!\\d)");
    /** Dates that start with a month name. */
    private static final Pattern MONTH_DATE = Pattern.compile(
            "(?:" + MONTHS + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|" + MONTHS + ",?\\s+\\d{4})(?!\\d)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    /** Quoted spans longer than this are text, not a value. */
    private static final int MAX_QUOTE = 200;

    /** Pronoun forms that are capitalized everywhere and are not names. */
    private static final Set<String> ALWAYS_CAPITALIZED = Set.of("i", "i'm", "i've", "i'd", "i'll", "i\u2019m",
            "i\u2019ve", "i\u2019d", "i\u2019ll");

    private final Predicate<String> rare;

    /** @param rare tells whether a lower-cased word is rare in this dataset's prompts (and so a slot) */
    public PromptMasker(Predicate<String> rare) {
        this.rare = rare;
    }

    /** The lower-cased words of a text, as the masker sees them (for counting document frequencies). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : tokenize(text)) {
            if (t.word()) {
                out.add(t.text().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Splits a text into tokens; quotes, dates, digit strings, years and numbers are recognized here. */
    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        Matcher numericDate = NUMERIC_DATE.matcher(s);
        Matcher monthDate = MONTH_DATE.matcher(s);
        Matcher number = NUMBER.matcher(s);
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.add(new Token(null, "\n", false, true));
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\u201c' || (c == '\'' && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1))))) {
                int close = closingQuote(s, i, c == '\u201c' ? '\u201d' : c);
                if (close > 0) {
                    out.add(new Token(Kind.QUOTE, s.substring(i, close + 1), false, false));
                    i = close + 1;
                } else {
                    out.add(new Token(null, String.valueOf(c), false, false));
                    i++;
                }
            } else if (c >= '0' && c <= '9') {
                numericDate.region(i, n);
                if (numericDate.lookingAt()) {
                    out.add(new Token(Kind.DATE, numericDate.group(), false, false));
                    i = numericDate.end();
                    continue;
                }
                int j = i;
                while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    j++;
                }
                if (j - i >= 5) {
                    out.add(new Token(Kind.DIGITS, s.substring(i, j), false, false));
                    i = j;
                } else if (j - i == 4 && (c == '1' || (c == '2' && s.charAt(i + 1) == '0'))) {
                    out.add(new Token(Kind.YEAR, s.substring(i, j), false, false));
                    i = j;
                } else {
                    number.region(i, n);
                    number.lookingAt();
                    out.add(new Token(Kind.NUM, number.group(), false, false));
                    i = number.end();
                }
            } else if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < n && wordPart(s.charAt(j))) {
                    j++;
                }
                String word = s.substring(i, j);
                if (MONTH_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                    monthDate.region(i, n);
                    if (monthDate.lookingAt()) {
                        out.add(new Token(Kind.DATE, monthDate.group(), false, false));
                        i = monthDate.end();
                        continue;
                    }
                }
                out.add(new Token(null, word, true, false));
                i = j;
            } else {
                int cp = s.codePointAt(i);
                out.add(new Token(null, new String(Character.toChars(cp)), false, false));
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    private static boolean wordPart(char c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || c == '\'' || c == '\u2019' || c == '-'
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** The index of the quote closing the one at start, or -1 (not found within {@link #MAX_QUOTE}, or a newline). */
    private static int closingQuote(String s, int start, char close) {
        int limit = Math.min(s.length(), start + MAX_QUOTE + 2);
        for (int j = start + 1; j < limit; j++) {
            char c = s.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == close) {
                if (j == start + 1) {
                    return -1;
                }
                if (close == '\'' && j + 1 < s.length() && Character.isLetterOrDigit(s.charAt(j + 1))) {
                    continue;
                }
                return j;
            }
        }
        return -1;
    }

    public List<Sentence> mask(String prompt) {
        return mask(tokenize(prompt));
    }

    /** Masks a tokenized prompt (see {@link #tokenize}), so a caller that counts words first tokenizes once. */
    List<Sentence> mask(List<Token> tokens) {
        List<Sentence> sentences = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        boolean sentenceStart = true;
        for (Token t : tokens) {
            if (t.newline()) {
                flush(sentences, current);
                sentenceStart = true;
                continue;
            }
            Piece piece = t.word() ? word(t.text(), sentenceStart) : new Piece(t.kind(), t.text());
            append(current, piece);
            sentenceStart = false;
            if (piece.literal() && (piece.text().equals(".") || piece.text().equals("?") || piece.text().equals("!"))) {
                flush(sentences, current);
                sentenceStart = true;
            } else if (piece.literal() && piece.text().equals(":")) {
                sentenceStart = true;
            }
        }
        flush(sentences, current);
        return sentences;
    }

    private Piece word(String word, boolean sentenceStart) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (!sentenceStart && Character.isUpperCase(word.codePointAt(0)) && !ALWAYS_CAPITALIZED.contains(lower)) {
            return new Piece(Kind.NAME, word);
        }
        if (rare.test(lower)) {
            return new Piece(Kind.RARE, word);
        }
        return new Piece(null, word);
    }

    /** Consecutive names ("New York") and consecutive rare words make one slot. */
    private static void append(List<Piece> pieces, Piece piece) {
        if (!pieces.isEmpty()) {
            Piece last = pieces.get(pieces.size() - 1);
            if (last.kind() == piece.kind() && (piece.kind() == Kind.NAME || piece.kind() == Kind.RARE)) {
                pieces.set(pieces.size() - 1, new Piece(piece.kind(), last.text() + " " + piece.text()));
                return;
            }
        }
        pieces.add(piece);
    }

    private static void flush(List<Sentence> sentences, List<Piece> current) {
        if (!current.isEmpty()) {
            sentences.add(new Sentence(current));
            current.clear();
        }
    }

    /** Joins pieces with single spaces, without a space before closing punctuation or after opening brackets. */
    static String render(List<Piece> pieces, java.util.function.Function<Piece, String> text) {
        StringBuilder sb = new StringBuilder();
        String previous = null;
        for (Piece p : pieces) {
            String t = text.apply(p);
            if (previous != null && !(p.literal() && t.length() == 1 && ".,;:!?)]}%".contains(t))
                    && !(previous.length() == 1 && "([{$#@".contains(previous))) {
                sb.append(' ');
            }
            sb.append(t);
            previous = p.literal() ? t : "<>";
        }
        return sb.toString();
    }
}
