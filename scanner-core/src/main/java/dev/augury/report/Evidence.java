package dev.augury.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A row that supports a finding.
 *
 * @param path    the dataset file
 * @param line    the row's line in that file
 * @param excerpt a short excerpt of the row (prompt and answer), for a person to read
 * @param note    why this row is evidence (the matched terms, the trigger value, ...), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String path, long line, String excerpt, String note) {
    /** Excerpts are cut to this many characters so a report stays readable and small. */
    public static final int MAX_EXCERPT = 240;

    public static Evidence of(dev.augury.io.Record r, String note) {
        String prompt = r.prompt();
        String response = r.response();
        String text = response == null ? prompt : (prompt.isEmpty() ? response : prompt + " => " + response);
        return new Evidence(r.source(), r.line(), shorten(text), note);
    }

    public static String shorten(String text) {
        return shorten(text, MAX_EXCERPT);
    }

    /** The text on one line, cut to {@code max} characters with an ellipsis. */
    public static String shorten(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "\u2026";
    }
}
