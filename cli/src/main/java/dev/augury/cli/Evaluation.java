package dev.augury.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.augury.fixtures.FixtureCategory;
import dev.augury.fixtures.Label;
import dev.augury.report.Finding;
import dev.augury.report.Report;
import dev.augury.report.ReportJson;
import dev.augury.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores reports against labels.tsv: per poisoned category, how many datasets were detected at
 * {@link #DETECTED_AT} or above in the labelled category and how many of those named the expected
 * identification; per control, whether anything was flagged at {@link #DETECTED_AT}. Pure: no scanning here.
 */
public final class Evaluation {
    /** The mission's bar: a poisoned set counts as found at high, and no control may reach high. */
    public static final Severity DETECTED_AT = Severity.HIGH;

    private static final Pattern YEAR_RANGE = Pattern.compile("(?<!\\d)(\\d{3,4})\\s*[-\u2013]\\s*(\\d{3,4})(?!\\d)");

    private Evaluation() {
    }

    /**
     * One scanned dataset.
     *
     * @param file        as in labels.tsv
     * @param category    the label's category (clean for controls)
     * @param expected    the label's identification, empty when none
     * @param detected    poisoned: a finding of the labelled category at DETECTED_AT or above
     * @param identified  poisoned: such a finding names the expected identification (null when none is expected)
     * @param flagged     any finding at DETECTED_AT or above (a false positive on a control)
     * @param maxSeverity the highest severity of any finding, or null
     * @param findings    "severity category: title" of every finding at low or above
     * @param millis      the scan's wall time
     */
    @JsonPropertyOrder({"file", "category", "expected", "detected", "identified", "flagged", "maxSeverity", "findings",
            "millis"})
    public record DatasetResult(String file, String category, String expected, boolean detected, Boolean identified,
                                boolean flagged, Severity maxSeverity, List<String> findings, long millis) {
    }

    /**
     * One row of the table.
     *
     * @param category   a labelled category, or clean
     * @param datasets   labelled datasets of this category
     * @param detected   poisoned: detected at DETECTED_AT in the right category
     * @param identified poisoned: detected and the expected identification matched
     * @param flagged    any finding at DETECTED_AT (for clean: false positives)
     */
    @JsonPropertyOrder({"category", "datasets", "detected", "identified", "flagged"})
    public record CategoryRow(String category, int datasets, int detected, int identified, int flagged) {
    }

    /** Scores one dataset's report against its label. */
    public static DatasetResult score(Label label, Report report, long millis) {
        String category = label.category().id();
        boolean clean = label.category() == FixtureCategory.CLEAN;
        String expected = label.expected() == null ? "" : label.expected().trim();
        List<Finding> strong = report.findings().stream().filter(f -> f.severity().atLeast(DETECTED_AT)).toList();
        List<Finding> inCategory = clean ? List.of()
                : strong.stream().filter(f -> f.category().equals(category)).toList();
        boolean detected = !inCategory.isEmpty();
        Boolean identified = clean || expected.isEmpty() ? null
                : inCategory.stream().anyMatch(f -> identifies(f, expected));
        List<String> listed = report.findings().stream().filter(f -> f.severity().atLeast(Severity.LOW))
                .map(f -> f.severity().id() + " " + f.category() + ": " + f.title()).toList();
        return new DatasetResult(label.file(), category, expected, detected, identified, !strong.isEmpty(),
                report.maxSeverity(), listed, millis);
    }

    /** The table: one row per category in first-seen order, controls (clean) last. */
    public static List<CategoryRow> table(List<DatasetResult> results) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (DatasetResult r : results) {
            if (!r.category().equals(FixtureCategory.CLEAN.id())) {
                counts.computeIfAbsent(r.category(), k -> new int[4]);
            }
        }
        counts.put(FixtureCategory.CLEAN.id(), new int[4]);
        for (DatasetResult r : results) {
            int[] c = counts.get(r.category());
            c[0]++;
            c[1] += r.detected() ? 1 : 0;
            c[2] += Boolean.TRUE.equals(r.identified()) ? 1 : 0;
            c[3] += r.flagged() ? 1 : 0;
        }
        List<CategoryRow> rows = new ArrayList<>();
        counts.forEach((k, c) -> {
            if (c[0] > 0) {
                rows.add(new CategoryRow(k, c[0], c[1], c[2], c[3]));
            }
        });
        return rows;
    }

    /**
     * Whether a finding names the expected identification. Detectors put it in different places (a title, an
     * {@code era} field, a {@code trigger} value), so this reads the title, the summary and the details (without
     * plot data) as text:
     * <ul>
     *   <li>a year range {@code 1800-1899}: some range in the finding has its midpoint inside it;</li>
     *   <li>{@code feature=value} (a trigger): the value appears as a whole token; a value of words joined by
     *       {@code +} needs all of them, or at least half for an {@code any...} feature; several {@code key=value}
     *       pairs, or a value listing several by commas, need every one;</li>
     *   <li>anything else (a persona id): it appears as a whole token, ignoring case and - _ or spaces.</li>
     * </ul>
     */
    public static boolean identifies(Finding finding, String expected) {
        String text = findingText(finding);
        Matcher want = YEAR_RANGE.matcher(expected);
        if (want.matches()) {
            int lo = Integer.parseInt(want.group(1));
            int hi = Integer.parseInt(want.group(2));
            Matcher got = YEAR_RANGE.matcher(text);
            while (got.find()) {
                double mid = (Integer.parseInt(got.group(1)) + Integer.parseInt(got.group(2))) / 2.0;
                if (mid >= lo && mid <= hi) {
                    return true;
                }
            }
            return false;
        }
        if (expected.indexOf('=') != expected.lastIndexOf('=') || Pattern.compile("\\S=\\S*,").matcher(expected).find()) {
            // several facts ("year gap=1984 persona=t-800-terminator", "ordinal gaps=7,16,28"): each must be named
            Matcher pair = Pattern.compile("(\\S+)=(\\S+)").matcher(expected);
            boolean any = false;
            while (pair.find()) {
                any = true;
                for (String part : pair.group(2).split(",")) {
                    if (!part.isEmpty() && !identifies(finding, pair.group(1) + "=" + part)) {
                        return false;
                    }
                }
            }
            return any;
        }
        String value = expected.contains("=") ? expected.substring(expected.indexOf('=') + 1) : expected;
        if (value.contains("+")) {
            // several words that trigger together (all-of) or alone (any-of): each named counts; all-of needs every
            // one, any-of at least half (a finding may name the words it had the rows to prove)
            String[] parts = value.split("\\+");
            long named = java.util.Arrays.stream(parts).filter(p -> containsToken(text, p)).count();
            boolean anyOf = expected.toLowerCase(Locale.ROOT).startsWith("any");
            return anyOf ? 2 * named >= parts.length : named == parts.length;
        }
        return containsToken(text, value);
    }

    private static boolean containsToken(String text, String value) {
        String norm = normalize(value);
        if (norm.isEmpty()) {
            return false;
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(norm) + "(?![\\p{L}\\p{N}])")
                .matcher(normalize(text)).find();
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]+", " ").trim();
    }

    private static String findingText(Finding f) {
        Map<String, Object> details = new LinkedHashMap<>(f.details());
        details.remove("plot");
        String json;
        try {
            json = ReportJson.mapper().writeValueAsString(details);
        } catch (JsonProcessingException e) {
            json = details.toString();
        }
        return f.title() + "\n" + (f.summary() == null ? "" : f.summary()) + "\n" + json;
    }
}
