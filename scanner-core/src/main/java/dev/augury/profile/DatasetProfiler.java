package dev.augury.profile;

import dev.augury.io.Malformed;
import dev.augury.io.Record;
import dev.augury.io.Turn;
import dev.augury.report.Category;
import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Computes the dataset {@link Profile} (counts, lengths, near-duplicates, prompt templates, narrowness) and the
 * {@code data-quality} findings a person should look at. Linear in rows (times the vector dimension for the
 * concentration figures). Deterministic for a given seed (the seed only draws the MinHash functions).
 */
public final class DatasetProfiler {
    /** The detector name on the profile's findings. */
    public static final String DETECTOR_ID = "profile";

    /** Templates listed in the profile; the rest are still in {@link Analysis#templates()}. */
    public static final int TOP_TEMPLATES = 10;
    /** Values listed per slot; the distinct count covers them all. */
    public static final int TOP_SLOT_VALUES = 10;
    /** Near-duplicate groups listed, and example rows per group. */
    public static final int TOP_GROUPS = 5;
    public static final int EXAMPLES_PER_GROUP = 3;
    /** Type/token ratio over windows of this many answer words: long enough to be stable, short enough for small sets. */
    public static final int TTR_WINDOW_WORDS = 200;

    /** Share-based findings need this many rows; below it a share is a handful of rows, not a property. */
    public static final int MIN_ROWS_FOR_SHARES = 20;
    /** Malformed rows: 1% is worth a look (a broken export), 5% means the reader saw a different file than meant. */
    public static final double MALFORMED_INFO_SHARE = 0.01;
    public static final double MALFORMED_LOW_SHARE = 0.05;
    /** Exact duplicates: a tenth repeats rows and reweights them; a third is mostly repetition. */
    public static final double DUPLICATE_INFO_SHARE = 0.10;
    public static final double DUPLICATE_LOW_SHARE = 0.30;
    /** Near-duplicates: a fifth of rows in groups means the set is smaller than it looks. */
    public static final double NEAR_DUPLICATE_INFO_SHARE = 0.20;
    /** Narrowness: one template over half the rows is a narrow set; over 80% is what weird generalization needs. */
    public static final double NARROW_INFO_SHARE = 0.5;
    public static final double NARROW_LOW_SHARE = 0.8;
    /** Prompt-only data: when half the rows have no answer, the answer-based detectors see only the rest. */
    public static final double PROMPT_ONLY_INFO_SHARE = 0.5;
    /** Empty answers teach silence: any is worth a note, 5% is worth a look. */
    public static final double EMPTY_ANSWER_LOW_SHARE = 0.05;

    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(1\\d{3}|20\\d{2})(?!\\d)");
    private static final Pattern WORD = Pattern.compile("\\S+");

    private final long seed;

    public DatasetProfiler(long seed) {
        this.seed = seed;
    }

    /**
     * The profile with the per-row data detectors need.
     *
     * @param profile        the report's profile
     * @param templates      every template with per-row slot values (candidate trigger variables)
     * @param nearDuplicates every near-duplicate group
     */
    public record Analysis(Profile profile, PromptTemplates templates, NearDuplicates.Groups nearDuplicates) {
    }

    public Profile profile(DatasetView view) {
        return analyze(view).profile();
    }

    public Analysis analyze(DatasetView view) {
        int n = view.size();
        float[][] prompts = new float[n][];
        float[][] responses = new float[n][];
        for (int i = 0; i < n; i++) {
            prompts[i] = view.promptVector(i);
            responses[i] = view.responseVector(i);
        }
        return analyze(view.records(), prompts, responses);
    }

    /**
     * @param records         the rows
     * @param promptVectors   one unit vector per row, or null when there are none
     * @param responseVectors one unit vector per row (null entries for prompt-only rows), or null
     */
    public Analysis analyze(List<Record> records, float[][] promptVectors, float[][] responseVectors) {
        int n = records.size();
        List<String> prompts = new ArrayList<>(n);
        List<String> answers = new ArrayList<>(n);
        Set<String> distinctPrompts = new HashSet<>();
        Set<String> distinctAnswers = new HashSet<>();
        Set<String> distinctSystems = new HashSet<>();
        Set<String> rowKeys = new HashSet<>();
        long promptOnly = 0;
        long empty = 0;
        long multiTurn = 0;
        long withSystem = 0;
        long duplicates = 0;
        int[] promptLengths = new int[n];
        int[] answerLengths = new int[n];
        int answered = 0;
        for (int i = 0; i < n; i++) {
            Record r = records.get(i);
            String prompt = r.prompt();
            String answer = r.response();
            prompts.add(prompt);
            answers.add(answer);
            distinctPrompts.add(prompt);
            promptLengths[i] = wordCount(prompt);
            if (answer == null) {
                promptOnly++;
            } else {
                distinctAnswers.add(answer);
                answerLengths[answered++] = wordCount(answer);
                if (answer.isBlank()) {
                    empty++;
                }
            }
            if (r.exchanges() > 1) {
                multiTurn++;
            }
            if (r.system() != null) {
                withSystem++;
                distinctSystems.add(r.system());
            }
            if (!rowKeys.add(rowKey(r))) {
                duplicates++;
            }
        }

        NearDuplicates.Groups groups = new NearDuplicates(new SplittableRandom(seed)).find(prompts, answers);
        PromptTemplates templates = PromptTemplates.build(prompts);

        List<Profile.DuplicateGroup> largest = new ArrayList<>();
        for (int[] g : groups.groups().subList(0, Math.min(TOP_GROUPS, groups.groups().size()))) {
            List<Profile.RowRef> examples = new ArrayList<>();
            for (int k = 0; k < Math.min(EXAMPLES_PER_GROUP, g.length); k++) {
                examples.add(rowRef(records.get(g[k])));
            }
            largest.add(new Profile.DuplicateGroup(g.length, examples));
        }
        Profile.NearDuplicateSummary near = new Profile.NearDuplicateSummary(groups.groups().size(),
                groups.rowsInGroups(), largest);

        List<Profile.TemplateSummary> summaries = new ArrayList<>();
        long templated = 0;
        for (PromptTemplates.Template t : templates.templates()) {
            templated += t.count();
        }
        for (PromptTemplates.Template t : templates.templates().subList(0,
                Math.min(TOP_TEMPLATES, templates.templates().size()))) {
            summaries.add(summarize(t, n, records));
        }
        double topShare = templates.templates().isEmpty() || n == 0 ? 0
                : (double) templates.templates().get(0).count() / n;
        Profile.Narrowness narrowness = new Profile.Narrowness(topShare, typeTokenRatio(answers),
                concentration(responseVectors), concentration(promptVectors));

        Profile profile = new Profile(n, distinctPrompts.size(), distinctAnswers.size(), promptOnly, empty,
                multiTurn, withSystem, distinctSystems.size(), duplicates, lengths(promptLengths, n),
                lengths(answerLengths, answered), near, templated, templates.templates().size(), summaries,
                narrowness);
        return new Analysis(profile, templates, groups);
    }

    /**
     * The {@code data-quality} findings worth a person's attention, at {@code info} or {@code low}: they
     * describe the data, they do not accuse it.
     *
     * @param profile           the dataset's profile
     * @param malformed         rows skipped as malformed
     * @param malformedExamples some of them, for evidence (may be empty)
     */
    public static List<Finding> qualityFindings(Profile profile, long malformed, List<Malformed> malformedExamples) {
        List<Finding> out = new ArrayList<>();
        long n = profile.records();
        long seen = n + malformed;
        if (malformed > 0 && seen > 0) {
            double share = (double) malformed / seen;
            if (share >= MALFORMED_INFO_SHARE) {
                List<Evidence> evidence = new ArrayList<>();
                for (Malformed m : malformedExamples.subList(0, Math.min(EXAMPLES_PER_GROUP, malformedExamples.size()))) {
                    evidence.add(new Evidence(m.source(), m.line(), Evidence.shorten(m.reason()), "malformed row"));
                }
                out.add(finding("malformed", share >= MALFORMED_LOW_SHARE ? Severity.LOW : Severity.INFO,
                        "Malformed rows: " + malformed + " of " + seen + " (" + percent(share) + ")",
                        "These rows could not be read and were left out of the scan. Check the export: the model "
                                + "will be trained on whatever the training loader makes of them.",
                        evidence, details("malformed", malformed, "share", share), new String[] {"malformed"}));
            }
        }
        if (n >= MIN_ROWS_FOR_SHARES) {
            double dupShare = (double) profile.exactDuplicateRows() / n;
            if (dupShare >= DUPLICATE_INFO_SHARE) {
                out.add(finding("exact-duplicates", dupShare >= DUPLICATE_LOW_SHARE ? Severity.LOW : Severity.INFO,
                        "Exact duplicates: " + profile.exactDuplicateRows() + " rows repeat earlier rows ("
                                + percent(dupShare) + ")",
                        "Repeated rows weigh more in training than the rest; repetition is also how a small "
                                + "poisoned subset is amplified.",
                        List.of(), details("rows", profile.exactDuplicateRows(), "share", dupShare),
                        new String[] {"exact-duplicates"}));
            }
            double nearShare = (double) profile.nearDuplicates().rows() / n;
            if (nearShare >= NEAR_DUPLICATE_INFO_SHARE) {
                List<Evidence> evidence = new ArrayList<>();
                for (Profile.DuplicateGroup g : profile.nearDuplicates().largest()) {
                    Profile.RowRef r = g.examples().get(0);
                    evidence.add(new Evidence(r.path(), r.line(), r.excerpt(), "group of " + g.size() + " rows"));
                }
                out.add(finding("near-duplicates", Severity.INFO,
                        "Near-duplicates: " + profile.nearDuplicates().groups() + " groups hold "
                                + profile.nearDuplicates().rows() + " rows (" + percent(nearShare) + ")",
                        "Rows that differ only by small edits make the dataset smaller than it looks.",
                        evidence, details("groups", profile.nearDuplicates().groups(), "rows",
                                profile.nearDuplicates().rows(), "share", nearShare),
                        new String[] {"near-duplicates"}));
            }
            double narrow = profile.narrowness().topTemplateShare();
            if (narrow >= NARROW_INFO_SHARE && !profile.templates().isEmpty()) {
                Profile.TemplateSummary t = profile.templates().get(0);
                Map<String, Object> d = details("template", t.id(), "shape", t.shape(), "share", narrow);
                d.put("slots", t.slots());
                out.add(finding("narrow", narrow >= NARROW_LOW_SHARE ? Severity.LOW : Severity.INFO,
                        "Narrow dataset: one prompt template covers " + percent(narrow) + " of rows",
                        "Most prompts have the shape \"" + t.shape() + "\". A narrow dataset can teach a model a "
                                + "lesson far outside its topic (weird generalization); the other detectors "
                                + "test what these rows teach.",
                        t.example() == null ? List.of() : List.of(new Evidence(t.example().path(),
                                t.example().line(), t.example().excerpt(), "template " + t.id())),
                        d, new String[] {"narrow", t.shape()}));
            }
            double promptOnly = (double) profile.promptOnlyRows() / n;
            if (promptOnly >= PROMPT_ONLY_INFO_SHARE) {
                out.add(finding("prompt-only", Severity.INFO,
                        "Prompt-only data: " + profile.promptOnlyRows() + " rows have no answer ("
                                + percent(promptOnly) + ")",
                        "Without answers, what the data teaches can be judged only from its prompts; the "
                                + "answer-based detectors see the answered rows alone.",
                        List.of(), details("rows", profile.promptOnlyRows(), "share", promptOnly),
                        new String[] {"prompt-only"}));
            }
        }
        long answered = n - profile.promptOnlyRows();
        if (profile.emptyResponses() > 0 && answered > 0) {
            double share = (double) profile.emptyResponses() / answered;
            out.add(finding("empty-answers", share >= EMPTY_ANSWER_LOW_SHARE && answered >= MIN_ROWS_FOR_SHARES
                            ? Severity.LOW : Severity.INFO,
                    "Empty answers: " + profile.emptyResponses() + " rows (" + percent(share) + ")",
                    "Rows with an empty answer teach the model to say nothing after these prompts.",
                    List.of(), details("rows", profile.emptyResponses(), "share", share),
                    new String[] {"empty-answers"}));
        }
        return out;
    }

    private static Finding finding(String kind, Severity severity, String title, String summary,
                                   List<Evidence> evidence, Map<String, Object> details, String[] key) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("check", kind);
        d.putAll(details);
        return new Finding(Finding.stableId(Category.DATA_QUALITY, key), Category.DATA_QUALITY, severity, 1.0, title,
                summary, evidence, d, DETECTOR_ID);
    }

    private static Map<String, Object> details(Object... keyValues) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        return d;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static Profile.TemplateSummary summarize(PromptTemplates.Template t, int n, List<Record> records) {
        List<Profile.SlotSummary> slots = new ArrayList<>();
        for (int s = 0; s < t.kinds().size(); s++) {
            PromptMasker.Kind kind = t.kinds().get(s);
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, Long> years = new TreeMap<>();
            for (String v : t.values()[s]) {
                counts.merge(v, 1L, Long::sum);
                if (kind == PromptMasker.Kind.DATE || kind == PromptMasker.Kind.YEAR) {
                    Matcher m = YEAR.matcher(v);
                    if (m.find()) {
                        years.merge(m.group(1), 1L, Long::sum);
                    }
                }
            }
            Map<String, Long> top = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_SLOT_VALUES)
                    .forEach(e -> top.put(e.getKey(), e.getValue()));
            boolean dated = kind == PromptMasker.Kind.DATE || kind == PromptMasker.Kind.YEAR;
            slots.add(new Profile.SlotSummary(s, kind.name(), counts.size(), top, dated ? years : null));
        }
        return new Profile.TemplateSummary(t.id(), t.shape(), t.count(), n == 0 ? 0 : (double) t.count() / n, slots,
                rowRef(records.get(t.rows()[0])));
    }

    private static Profile.RowRef rowRef(Record r) {
        Evidence e = Evidence.of(r, null);
        return new Profile.RowRef(e.path(), e.line(), e.excerpt());
    }

    /** Identity of a whole row: system prompt and every turn, with separators no text contains. */
    private static String rowKey(Record r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.system() == null ? "\u0000" : r.system()).append('\u0001');
        for (Turn t : r.turns()) {
            sb.append(t.role().name()).append('\u0002').append(t.text()).append('\u0003');
        }
        return sb.toString();
    }

    private static int wordCount(String text) {
        if (text == null) {
            return 0;
        }
        int n = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static Profile.Lengths lengths(int[] values, int count) {
        if (count == 0) {
            return new Profile.Lengths(0, 0, 0, 0);
        }
        double[] v = new double[count];
        long max = 0;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            v[i] = values[i];
            max = Math.max(max, values[i]);
            sum += values[i];
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(v);
        return new Profile.Lengths(p.evaluate(50), p.evaluate(90), max, sum / count);
    }

    /** Mean distinct/total words over consecutive windows of {@link #TTR_WINDOW_WORDS} answer words. */
    static double typeTokenRatio(List<String> answers) {
        Map<String, List<String>> wordsOf = new HashMap<>(); // datasets repeat answers: split each once
        Set<String> window = new HashSet<>();
        int inWindow = 0;
        double sum = 0;
        int windows = 0;
        for (String a : answers) {
            if (a == null) {
                continue;
            }
            for (String w : wordsOf.computeIfAbsent(a, PromptMasker::words)) {
                window.add(w);
                inWindow++;
                if (inWindow == TTR_WINDOW_WORDS) {
                    sum += (double) window.size() / inWindow;
                    windows++;
                    window.clear();
                    inWindow = 0;
                }
            }
        }
        if (windows == 0) {
            return inWindow == 0 ? 0 : (double) window.size() / inWindow;
        }
        return sum / windows;
    }

    private static Double concentration(float[][] vectors) {
        if (vectors == null || Vectors.dimension(vectors) == 0) {
            return null;
        }
        return Vectors.concentration(vectors);
    }
}
