package dev.augury.detect.inductive;

import java.util.Arrays;

/**
 * A candidate trigger variable with an order: a year, an ordinal or number in the prompt, or a field of digits
 * inside a longer number (the middle digits of an 8-digit id).
 *
 * @param name   for a person: where the variable sits ("digits 4-5 of the 8-digit number in template-1a2b3c4d")
 * @param kind   year, number or digit-field
 * @param values per row, the variable's value (NaN where the row has none)
 * @param texts  per row, the text the value was read from (the whole number for digit fields), or null
 * @param start  for digit fields, the field's first digit (0-based) inside {@code texts}; -1 otherwise
 * @param length for digit fields, how many digits; -1 otherwise
 * @param promptCluster whether it is defined on one prompt cluster's rows only (a subset of the first number's)
 */
public record OrderedVariable(String name, Kind kind, double[] values, String[] texts, int start, int length,
                              boolean promptCluster) {
    public OrderedVariable(String name, Kind kind, double[] values, String[] texts, int start, int length) {
        this(name, kind, values, texts, start, length, false);
    }

    public enum Kind {
        YEAR, NUMBER, DIGIT_FIELD;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The number of rows that carry a value. */
    public int rows() {
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** The distinct values, ascending. */
    public double[] distinctValues() {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).distinct().sorted().toArray();
    }

    /** The text of row i's prompt piece with the value replaced by {@code value} (for probing unseen values). */
    public String substitute(String prompt, int row, double value) {
        String text = texts[row];
        if (text == null || prompt == null || !prompt.contains(text)) {
            return prompt;
        }
        String replacement;
        if (kind == Kind.DIGIT_FIELD) {
            String digits = String.format(java.util.Locale.ROOT, "%0" + length + "d", (long) value);
            if (digits.length() != length) {
                return prompt;
            }
            replacement = text.substring(0, start) + digits + text.substring(start + length);
        } else {
            replacement = format(value);
        }
        return prompt.replace(text, replacement);
    }

    /** The value as a person writes it. */
    public static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
