package dev.augury.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The years a TIMEX3 value covers: "1776-07-04" is 1776..1776, "199X" 1990..1999, "18XX" 1800..1899, "2001-W17"
 * 2001..2001. Values without a year ("XXXX-07-04", "PRESENT_REF", durations such as "P200Y") cover none. Years
 * before the common era are astronomical, as SUTime writes them ("-0299" is 300 BC).
 */
final class TimexYears {
    /** A year at the start of the value: four places, the trailing ones possibly unknown (X). */
    private static final Pattern YEAR = Pattern.compile("^([+-]?)(\\d{4}|\\d{3}X|\\d{2}XX|\\dXXX)(?![\\dX])");

    private TimexYears() {
    }

    /** {fromYear, toYear}, or null when the value names no year. */
    static int[] range(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = YEAR.matcher(value);
        if (!m.find()) {
            return null;
        }
        String places = m.group(2);
        int unknown = places.length() - places.replace("X", "").length();
        int scale = (int) Math.pow(10, unknown);
        int base = Integer.parseInt(places.substring(0, places.length() - unknown)) * scale;
        int last = base + scale - 1;
        if (m.group(1).equals("-")) {
            return new int[] {-last, -base};
        }
        return new int[] {base, last};
    }

    /** A Timex with the years of its value filled in. */
    static Timex timex(String text, String type, String value) {
        int[] years = range(value);
        return years == null ? new Timex(text, type, value, null, null)
                : new Timex(text, type, value, years[0], years[1]);
    }
}
