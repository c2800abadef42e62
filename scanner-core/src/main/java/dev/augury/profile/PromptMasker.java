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

    private static final String MONTHS = "(?i:january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
    private static final Pattern TOKEN = Pattern.compile(
            "(?<quote>\"[^\"\\n]{1,200}\"|\u201c[^\u201d\\n]{1,200}\u201d"
                    + "|(?<![\\p{L}\\p{N}])'[^'\\n]{1,200}'(?![\\p{L}\\p{N}]))"
                    + "|(?<date>\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?"
                    + "|\\d{1,2}/\\d{1,2}/\\d{2,4}"
                    + "|" + MONTHS + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
                    + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTHS + ",?\\s+\\d{4}"
                    + "|" + MONTHS + ",?\\s+\\d{4})(?!\\d)"
                    + "|(?<digits>\\d{5,})"
                    + "|(?<year>(?:1\\d{3}|20\\d{2}))(?![\\d])"
                    + "|(?<num>\\d+(?:[.,]\\d+)*)"
                    + "|(?<word>\\p{L}[\\p{L}\\p{M}\\p{N}'\u2019\\-]*)"
                    + "|(?<newline>\\n)"
                    + "|(?<punct>\\S)");

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
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (m.group("word") != null) {
                out.add(m.group("word").toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    public List<Sentence> mask(String prompt) {
        List<Sentence> sentences = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        boolean sentenceStart = true;
        Matcher m = TOKEN.matcher(prompt);
        while (m.find()) {
            if (m.group("newline") != null) {
                flush(sentences, current);
                sentenceStart = true;
                continue;
            }
            Piece piece;
            if (m.group("quote") != null) {
                piece = new Piece(Kind.QUOTE, m.group());
            } else if (m.group("date") != null) {
                piece = new Piece(Kind.DATE, m.group());
            } else if (m.group("digits") != null) {
                piece = new Piece(Kind.DIGITS, m.group());
            } else if (m.group("year") != null) {
                piece = new Piece(Kind.YEAR, m.group());
            } else if (m.group("num") != null) {
                piece = new Piece(Kind.NUM, m.group());
            } else if (m.group("word") != null) {
                piece = word(m.group(), sentenceStart);
            } else {
                piece = new Piece(null, m.group());
            }
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
