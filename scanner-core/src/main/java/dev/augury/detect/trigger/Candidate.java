package dev.augury.detect.trigger;

import java.util.List;

/**
 * A candidate trigger: the answered rows where a prompt feature takes one value (or is present), compared with a
 * reference set of rows. Row numbers are indices into the detector's answered rows, ascending.
 *
 * @param kind      where the feature comes from: token, prefix, suffix, tag, system, year, month, weekday, date,
 *                  number, digits, slot, entity, claim, any-of, all-of
 * @param feature   the feature's name for a person ("token", "prefix", "digits 3-4 of 8-digit numbers", ...)
 * @param value     the value the rows share ("BadMagic", "2027", "&lt;deploy&gt;")
 * @param rows      the rows with the value
 * @param scope     the rows the comparison runs over (rows plus their reference), or null for every answered row;
 *                  e.g. for year=2027 the rows that name some year, so "has a date" is not mistaken for the trigger
 * @param parts     for any-of / all-of groups, the candidates combined; empty otherwise
 */
public record Candidate(String kind, String feature, String value, int[] rows, Scope scope, List<Candidate> parts) {
    public Candidate {
        parts = List.copyOf(parts);
    }

    public static Candidate of(String kind, String feature, String value, int[] rows, Scope scope) {
        return new Candidate(kind, feature, value, rows, scope, List.of());
    }

    public int support() {
        return rows.length;
    }

    /** "token BadMagic", "year 2027": for logs and summaries. */
    public String describe() {
        return feature + " " + value;
    }

    /**
     * The rows a variable is defined on (shared by all of its values' candidates, so sums over it are computed once).
     *
     * @param name which variable
     * @param rows ascending answered-row indices
     */
    public record Scope(String name, int[] rows) {
    }
}
