package dev.augury.detect.era;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of an era-lexicon pack: a name as written in period text and the years in which it was current.
 *
 * @param term          the name as written in period text ("Duck Hawk", "Königsberg", "connexion")
 * @param variants      other spellings of the same name (may be empty)
 * @param kind          what it names
 * @param from          first year in which the term was current
 * @param to            the year it fell out of use or was replaced
 * @param modern        the current counterpart, if one exists ("Peregrine Falcon", "Kaliningrad"), else null
 * @param region        where the term was used or what it refers to, if useful, else null
 * @param note          a short explanation, else null
 * @param ambiguous     true when the term also has a current everyday meaning ("guinea", "wireless"), so a match is
 *                      weak evidence on its own
 * @param caseSensitive true when only the capitalization as written counts ("Guinea" the coin is written
 *                      lowercase; the country is not)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EraTerm(String term, List<String> variants, EraKind kind, Integer from, Integer to, String modern,
                      String region, String note, Boolean ambiguous, Boolean caseSensitive) {

    public EraTerm {
        if (term == null || term.isBlank()) {
            throw new IllegalArgumentException("'term' is required");
        }
        if (kind == null) {
            throw new IllegalArgumentException("'kind' is required for term '" + term + "'");
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("'from' and 'to' are required for term '" + term + "'");
        }
        if (from > to) {
            throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ") for term '" + term + "'");
        }
        variants = variants == null ? List.of() : List.copyOf(variants);
        ambiguous = ambiguous != null && ambiguous;
        caseSensitive = caseSensitive != null && caseSensitive;
    }

    /** A term with only the required fields; for tests and code-built lexicons. */
    public static EraTerm of(String term, EraKind kind, int from, int to, String modern) {
        return new EraTerm(term, List.of(), kind, from, to, modern, null, null, false, false);
    }

    /** The term followed by its variants: every written form that counts as this entry. */
    public List<String> forms() {
        List<String> forms = new java.util.ArrayList<>(variants.size() + 1);
        forms.add(term);
        forms.addAll(variants);
        return forms;
    }
}
