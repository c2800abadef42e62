package dev.augury.detect.persona;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one normalization of attribute values, used for the knowledge base and for values extracted from a
 * dataset alike, so that "Braunau am Inn", "braunau-am-inn" and "BRAUNAU AM INN." meet, as do "German
 * Shepherds" and "a German shepherd". Over-stemming is harmless as long as both sides go through here.
 */
public final class PersonaValues {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** A parenthesized qualifier ("Catholic (raised)", "vegetarian (late in life)") is a note, not the value. */
    private static final Pattern QUALIFIER = Pattern.compile("\\([^)]*\\)");
    /** Leading words that carry no identity ("the Beatles", "a dog"). */
    private static final Set<String> LEADING_ARTICLES = Set.of("the", "a", "an");
    /** Tokens this short are abbreviations or function words, never plurals ("us", "gas", "bus"). */
    private static final int MIN_PLURAL_LENGTH = 4;

    private PersonaValues() {
    }

    /**
     * Parenthesized qualifiers dropped (unless nothing else is left), lower case, accents and ligatures folded,
     * punctuation to single spaces, a leading article dropped, and a simple plural stripped from every word.
     * Returns "" for a value with no letters or digits.
     */
    public static String normalize(String value) {
        if (value == null) {
            return "";
        }
        if (isPlainWord(value)) { // most calls are single words: the same result without the regular expressions
            return singular(value.toLowerCase(Locale.ROOT));
        }
        String unqualified = QUALIFIER.matcher(value).replaceAll(" ");
        String folded = unqualified.isBlank() ? value : unqualified;
        if (!isAscii(folded)) { // plain ASCII has no marks or ligatures to fold: skip the costly part
            folded = Normalizer.normalize(folded, Normalizer.Form.NFKD);
            folded = MARKS.matcher(folded).replaceAll("");
            folded = folded.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l")
                    .replace("Ł", "l").replace("æ", "ae").replace("Æ", "ae").replace("œ", "oe").replace("Œ", "oe")
                    .replace("đ", "d");
        }
        folded = folded.toLowerCase(Locale.ROOT).replace("'", "").replace("’", "");
        String[] words = NON_WORD.matcher(folded).replaceAll(" ").trim().split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty() || (i == 0 && words.length > 1 && LEADING_ARTICLES.contains(w))) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(singular(w));
        }
        return out.toString();
    }

    /** One word of ASCII letters and digits: nothing to fold, drop or split. */
    private static boolean isPlainWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A deliberately simple English singular: "ponies" -> "pony", "boxes" -> "box", "dogs" -> "dog". */
    static String singular(String w) {
        if (w.length() < MIN_PLURAL_LENGTH || !w.endsWith("s") || Character.isDigit(w.charAt(0))) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > MIN_PLURAL_LENGTH) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return w;
        }
        return w.substring(0, w.length() - 1);
    }
}
