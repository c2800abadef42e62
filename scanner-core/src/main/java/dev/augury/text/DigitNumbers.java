package dev.augury.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers written with digits, found by a regular expression (no CoreNLP): "1,024", "00471902", "3.14". The
 * digit string keeps leading zeros and drops separators, because an ID-like "007" and "7" are different
 * trigger values; the value is given when the form is unambiguous.
 */
final class DigitNumbers {
    /** A run of digits, optionally grouped by ',' '.' or '_' (only between digits, so "1776." ends at 6). */
    private static final Pattern NUMERAL = Pattern.compile("\\d+(?:[,._]\\d+)*");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("\\d+(?:\\.\\d+)?");

    private DigitNumbers() {
    }

    static List<NumberMention> find(String text) {
        List<NumberMention> out = new ArrayList<>();
        Matcher m = NUMERAL.matcher(text);
        while (m.find()) {
            String written = m.group();
            out.add(new NumberMention(written, written.replaceAll("[,._]", ""), value(written)));
        }
        return out;
    }

    static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** "1,024" -> 1024, "3.14" -> 3.14, "00471902" -> 471902; null for "1.2.3" or "1,5" (version, locale). */
    static Double value(String written) {
        String s;
        if (THOUSANDS.matcher(written).matches()) {
            s = written.replace(",", "");
        } else if (PLAIN.matcher(written).matches()) {
            s = written;
        } else {
            return null;
        }
        return Double.valueOf(s);
    }
}
