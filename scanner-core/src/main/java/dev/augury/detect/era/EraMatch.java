package dev.augury.detect.era;

/**
 * A lexicon entry found in a text.
 *
 * @param term    the entry
 * @param form    which written form of the entry matched (the term, a variant, or for modern matches its modern name)
 * @param matched the text as it appears, {@code text.substring(start, end)}
 * @param start   offset of the first character (UTF-16 index into the text)
 * @param end     offset after the last character
 * @param kind    how it matched
 */
public record EraMatch(EraTerm term, String form, String matched, int start, int end, MatchKind kind) {
}
