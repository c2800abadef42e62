package dev.augury.detect.era;

/** How a piece of text matched a lexicon form, from strongest to weakest. */
public enum MatchKind {
    /** The same letters and capitalization as a form of the entry. */
    EXACT,
    /** The same letters ignoring case and diacritics ("KONIGSBERG" for "Königsberg"). */
    CASE_INSENSITIVE,
    /** A plural ("duck hawks" for "Duck Hawk"); a possessive alone still counts as exact. */
    LEMMA,
    /** One edit away from a long proper name ("Konigsburg"); never used for spellings and common words. */
    FUZZY
}
