package dev.augury.detect.inductive;

import dev.augury.profile.PromptMasker;
import dev.augury.profile.PromptTemplates;
import dev.augury.report.Evidence;
import dev.augury.scan.DatasetView;
import dev.augury.stats.KMeans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the ordered variables of a dataset's prompts: numeric slots of the profile's templates (years, numbers,
 * digit strings, the year of a date), the first number of each prompt (for prompts too varied to template), the
 * trigger detector's candidates when it published them, and the digit fields inside long numbers of a fixed
 * length (an ordinal hidden in the middle of an id).
 */
public final class OrderedVariables {
    /** Fewer distinct values than this give no rule to generalize (and a leave-one-out of two points). */
    public static final int MIN_DISTINCT_VALUES = 4;
    /** A variable must cover this share of the rows: a number in a handful of prompts is no trigger variable. */
    public static final double MIN_ROW_SHARE = 0.2;
    /** Numbers at least this long are also searched for digit fields inside them. */
    public static final int MIN_DIGITS_FOR_FIELDS = 5;
    /** Digit fields are 1 to this many digits long (an ordinal up to 999). */
    public static final int MAX_FIELD_LENGTH = 3;
    /** Share of a number column that must have the same length for digit positions to mean the same thing. */
    public static final double SAME_LENGTH_SHARE = 0.9;
    /**
     * Rows with a number per prompt cluster: a family of phrasings of one request ("Warden number 8. Describe your
     * realm.", "As the 26th Warden: ...") mixed into other data has its own numbers, which the first number over all
     * rows mixes with the others' quantities and dates, and each phrasing's template slot is too small alone.
     */
    static final int ROWS_PER_CLUSTER = 40;
    static final int MAX_CLUSTERS = 4;
    /** A cluster's first numbers are a variable of their own when it holds this many rows. */
    public static final int MIN_CLUSTER_ROWS = 30;
    /** A prompt cluster is named by its first prompt, cut to this many characters. */
    static final int CLUSTER_NAME_CHARS = 60;

    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])\\d[\\d,]*(?![\\d,]*\\d)");
    private static final Pattern YEAR_IN_DATE = Pattern.compile("\\b(1[0-9]{3}|20[0-9]{2}|2100)\\b");

    private OrderedVariables() {
    }

    public static List<OrderedVariable> find(DatasetView view, PromptTemplates templates) {
        return find(view, templates, new SplittableRandom(0));
    }

    /** @param random seeded, for the prompt clusters */
    public static List<OrderedVariable> find(DatasetView view, PromptTemplates templates, SplittableRandom random) {
        int n = view.size();
        List<OrderedVariable> out = new ArrayList<>();
        for (PromptTemplates.SlotColumn column : templates.slotColumns()) {
            PromptMasker.Kind kind = column.kind();
            if (kind != PromptMasker.Kind.YEAR && kind != PromptMasker.Kind.NUM && kind != PromptMasker.Kind.DIGITS
                    && kind != PromptMasker.Kind.DATE) {
                continue;
            }
            String[] texts = column.valuesByRow(n);
            String where = column.templateId() + " slot " + (column.slot() + 1);
            if (kind == PromptMasker.Kind.DATE) {
                texts = yearsOf(texts);
            }
            addNumber(out, "the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " in " + where,
                    kind == PromptMasker.Kind.YEAR || kind == PromptMasker.Kind.DATE, texts, n, minRows(n));
        }
        String[] first = new String[n];
        for (int i = 0; i < n; i++) {
            String p = view.prompt(i);
            Matcher m = p == null ? null : NUMBER.matcher(p);
            first[i] = m != null && m.find() ? m.group() : null;
        }
        addNumber(out, "the first number in the prompt", false, first, n, minRows(n));
        clusterVariables(out, view, first, random);
        return dedupe(out);
    }

    private static int minRows(int n) {
        return (int) Math.ceil(MIN_ROW_SHARE * n);
    }

    /** The first number of the prompts of each prompt cluster (k-means of the prompt vectors of rows with one). */
    private static void clusterVariables(List<OrderedVariable> out, DatasetView view, String[] first,
                                         SplittableRandom random) {
        int n = view.size();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (first[i] != null && view.promptVector(i) != null) {
                rows.add(i);
            }
        }
        int k = Math.min(MAX_CLUSTERS, rows.size() / ROWS_PER_CLUSTER);
        if (k < 2) {
            return;
        }
        float[][] vectors = new float[rows.size()][];
        for (int r = 0; r < vectors.length; r++) {
            vectors[r] = view.promptVector(rows.get(r));
        }
        int[] cluster = KMeans.cluster(vectors, k, KMeans.DEFAULT_ITERATIONS, random);
        for (int c = 0; c < k; c++) {
            String[] texts = new String[n];
            String example = null;
            int size = 0;
            for (int r = 0; r < cluster.length; r++) {
                if (cluster[r] == c) {
                    int i = rows.get(r);
                    texts[i] = first[i];
                    example = example == null ? view.prompt(i) : example;
                    size++;
                }
            }
            if (size >= MIN_CLUSTER_ROWS && size < rows.size()) {
                String name = "the first number in prompts like \"" + Evidence.shorten(example, CLUSTER_NAME_CHARS)
                        + "\"";
                addNumber(out, name, false, texts, n, MIN_CLUSTER_ROWS, true);
            }
        }
    }


    private static String[] yearsOf(String[] dates) {
        String[] out = new String[dates.length];
        for (int i = 0; i < dates.length; i++) {
            if (dates[i] != null) {
                Matcher m = YEAR_IN_DATE.matcher(dates[i]);
                out[i] = m.find() ? m.group() : null;
            }
        }
        return out;
    }

    private static void addNumber(List<OrderedVariable> out, String name, boolean year, String[] texts, int n,
                                  int minRows) {
        addNumber(out, name, year, texts, n, minRows, false);
    }

    private static void addNumber(List<OrderedVariable> out, String name, boolean year, String[] texts, int n,
                                  int minRows, boolean promptCluster) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        int[] lengths = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (texts[i] == null) {
                continue;
            }
            String digits = texts[i].replace(",", "");
            if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(Character::isDigit)) {
                continue;
            }
            values[i] = Double.parseDouble(digits);
            lengths[i] = digits.length();
            count++;
        }
        if (count < minRows || count == 0) {
            return;
        }
        boolean looksLikeYears = year || allYears(values);
        OrderedVariable whole = new OrderedVariable(name, looksLikeYears ? OrderedVariable.Kind.YEAR
                : OrderedVariable.Kind.NUMBER, values, texts, -1, -1, promptCluster);
        if (whole.distinctValues().length >= MIN_DISTINCT_VALUES) {
            out.add(whole);
        }
        int length = commonLength(lengths, count);
        if (length >= MIN_DIGITS_FOR_FIELDS) {
            for (int len = 1; len <= MAX_FIELD_LENGTH; len++) {
                for (int start = 0; start + len <= length; start++) {
                    double[] field = new double[n];
                    Arrays.fill(field, Double.NaN);
                    for (int i = 0; i < n; i++) {
                        if (lengths[i] == length) {
                            String digits = texts[i].replace(",", "");
                            field[i] = Integer.parseInt(digits.substring(start, start + len));
                        }
                    }
                    OrderedVariable v = new OrderedVariable("digits " + (start + 1) + "-" + (start + len) + " of the "
                            + length + "-digit number (" + name + ")", OrderedVariable.Kind.DIGIT_FIELD, field, texts,
                            start, len, promptCluster);
                    if (v.distinctValues().length >= MIN_DISTINCT_VALUES) {
                        out.add(v);
                    }
                }
            }
        }
    }

    private static boolean allYears(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v) && (v < 1000 || v > 2100)) {
                return false;
            }
        }
        return true;
    }

    private static int commonLength(int[] lengths, int count) {
        Map<Integer, Integer> freq = new java.util.HashMap<>();
        for (int l : lengths) {
            if (l > 0) {
                freq.merge(l, 1, Integer::sum);
            }
        }
        for (Map.Entry<Integer, Integer> e : freq.entrySet()) {
            if (e.getValue() >= SAME_LENGTH_SHARE * count) {
                return e.getKey();
            }
        }
        return -1;
    }

    /** Keeps the first variable of each distinct value column (a template slot and "the first number" often agree). */
    private static List<OrderedVariable> dedupe(List<OrderedVariable> variables) {
        Set<Integer> seen = new HashSet<>();
        List<OrderedVariable> out = new ArrayList<>();
        for (OrderedVariable v : variables) {
            if (seen.add(Arrays.hashCode(v.values()))) {
                out.add(v);
            }
        }
        return out;
    }
}
