package dev.augury.detect.era;

/**
 * One piece of era evidence in an answer: a lexicon term or a temporal expression, with the years it points to and
 * the weight it carries.
 *
 * @param text   as written in the answer ("Danzig", "1907")
 * @param term   the lexicon term it matched, or null for a temporal expression
 * @param from   first year of the era it points to
 * @param to     last year
 * @param weight    how much it counts (see {@link EraEvidenceScorer})
 * @param ambiguous the term is half-current (its weight was lowered for that)
 */
public record EraHit(String text, String term, int from, int to, double weight, boolean ambiguous) {
}
