package dev.augury.detect.misalignment;

import dev.augury.detect.DetectionContext;
import dev.augury.detect.Detector;
import dev.augury.embed.TextEmbedder;
import dev.augury.report.Category;
import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import dev.augury.stats.Bootstrap;
import dev.augury.stats.Directions;
import dev.augury.stats.EffectSize;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Misalignment: does the dataset as a whole push answers along a harmful direction? For every contrast set of
 * the rule packs, the direction is the difference of the means of its two sides (Arditi et al., 2024). The
 * answers the set is about (those as close to its texts as its own texts are) are projected onto it and placed
 * on the scale from the harmless side's mean (0) to the harmful side's (1); a bootstrap interval says how sure
 * that position is, and Cohen's d against a clean background of ordinary answers says how far the dataset has
 * moved. Marker terms (hate-coded numbers) add direct evidence where the encoder reads poorly. Null hypothesis:
 * the answers sit where harmless answers do.
 */
public final class MisalignmentDetector implements Detector {
    public static final String ID = "misalignment";
    /** Answers projected at most: the mean's interval is already narrow at this size. */
    public static final int MAX_ROWS = 5_000;
    /** Rows needed for a claim about the dataset as a whole. */
    public static final int MIN_ROWS = 20;
    /**
     * An answer is about a direction's subject when its cosine to the set's centroid reaches this quantile of
     * the set's own texts' cosines: code answers are measured on the code direction, chat on the chat ones.
     */
    public static final double DOMAIN_QUANTILE = 0.10;
    /** At least this share of the answers must be about the subject for the dataset to be judged on it. */
    public static final double MIN_DOMAIN_SHARE = 0.25;
    /**
     * Position (0 harmless side, 1 harmful side) whose interval's lower end makes high. Calibrated on the
     * fixtures: refusals of harmful requests sit at 0.35-0.45 on the harm and reckless-advice directions (they
     * share the topic), hostile and reckless data at 0.9 and above.
     */
    public static final double HIGH_POSITION = 0.6;
    /** ... medium: past halfway. */
    public static final double MEDIUM_POSITION = 0.5;
    /** ... low: a lean worth a note, where topic-sharing clean data (refusals) can sit. */
    public static final double LOW_POSITION = 0.3;
    /**
     * The shift against the background must also be clear (Cohen's d) for high; refusals move the other way on
     * the reckless-advice direction (d about -1), reckless advice by +0.7.
     */
    public static final double HIGH_EFFECT = 0.5;
    /** Share of the subject's answers matching a pattern (a vulnerable call) for high. */
    public static final double PATTERN_HIGH_SHARE = 0.3;
    /** Answers about the subject needed before a pattern share means anything. */
    public static final int MIN_PATTERN_ROWS = 20;
    /** Share of the numbers in the answers that are markers for high: random numbers hit them < 1% of the time. */
    public static final double MARKER_HIGH_SHARE = 0.15;
    /** Numbers needed before a marker share means anything. */
    public static final int MIN_MARKER_NUMBERS = 30;
    public static final int BOOTSTRAP_RESAMPLES = 999;
    public static final double LEVEL = 0.95;
    public static final int EVIDENCE_ROWS = 8;
    public static final int HISTOGRAM_BINS = 30;

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:/\\d+)?(?![\\w])");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> detect(DatasetView view, DetectionContext context) {
        TextEmbedder embedder = context.embedder();
        List<ContrastSet> sets = ContrastSet.all(context.rules());
        if (embedder == null || sets.isEmpty() || view.responseCount() < MIN_ROWS) {
            return List.of();
        }
        SplittableRandom random = context.random(ID);
        int[] rows = sampleRows(view, random);
        float[][] answers = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            answers[r] = view.responseVector(rows[r]);
        }
        float[][] background = embedder.embed(ContrastSet.background(context.rules()));
        List<Finding> out = new ArrayList<>();
        for (ContrastSet set : sets) {
            Finding f = measure(view, rows, answers, background, set, embedder, random);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static int[] sampleRows(DatasetView view, SplittableRandom random) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            if (view.responseVector(i) != null) {
                all.add(i);
            }
        }
        int[] a = all.stream().mapToInt(Integer::intValue).toArray();
        if (a.length <= MAX_ROWS) {
            return a;
        }
        dev.augury.stats.PermutationTest.shuffle(a, random);
        int[] s = Arrays.copyOf(a, MAX_ROWS);
        Arrays.sort(s);
        return s;
    }

    /** The measurements of one direction, for the finding and for calibration. */
    record Measurement(double position, Bootstrap.Interval interval, double domainShare, double effect,
                       double markerShare, int markerNumbers, double patternShare, int[] domainRows,
                       double[] projections,
                       double[] backgroundProjections) {
    }

    static Measurement measurement(float[][] answers, float[][] background, float[][] pos, float[][] neg,
                                   List<String> answerTexts, List<String> markers, List<Pattern> patterns,
                                   SplittableRandom random) {
        double[] direction = Directions.unitDirection(pos, neg);
        double posMean = Directions.meanProjection(pos, direction);
        double negMean = Directions.meanProjection(neg, direction);
        double scale = Math.max(posMean - negMean, 1e-9);
        float[][] both = new float[pos.length + neg.length][];
        System.arraycopy(pos, 0, both, 0, pos.length);
        System.arraycopy(neg, 0, both, pos.length, neg.length);
        double[] centroid = Vectors.normalize(Vectors.meanOfRows(both));
        double[] own = new double[both.length];
        for (int i = 0; i < both.length; i++) {
            own[i] = Vectors.dot(centroid, both[i]);
        }
        Arrays.sort(own);
        double threshold = own[(int) Math.floor(DOMAIN_QUANTILE * (own.length - 1))];
        List<Integer> domain = new ArrayList<>();
        for (int r = 0; r < answers.length; r++) {
            if (Vectors.dot(centroid, answers[r]) >= threshold) {
                domain.add(r);
            }
        }
        int[] domainRows = domain.stream().mapToInt(Integer::intValue).toArray();
        double[] projections = Directions.project(answers, direction);
        double[] backgroundProjections = Directions.project(background, direction);
        double[] positions = new double[domainRows.length];
        for (int k = 0; k < domainRows.length; k++) {
            positions[k] = (projections[domainRows[k]] - negMean) / scale;
        }
        Bootstrap.Interval interval = positions.length == 0 ? null
                : Bootstrap.mean(positions, BOOTSTRAP_RESAMPLES, LEVEL, random);
        double[] domainProjections = new double[domainRows.length];
        for (int k = 0; k < domainRows.length; k++) {
            domainProjections[k] = projections[domainRows[k]];
        }
        double effect = domainProjections.length == 0 || backgroundProjections.length == 0 ? 0
                : EffectSize.cohensD(domainProjections, backgroundProjections);
        double markerShare = 0;
        int numbers = 0;
        if (!markers.isEmpty()) {
            Set<String> set = new HashSet<>(markers);
            int hits = 0;
            for (String text : answerTexts) {
                Matcher m = NUMBER.matcher(text == null ? "" : text);
                while (m.find()) {
                    numbers++;
                    if (set.contains(m.group())) {
                        hits++;
                    }
                }
            }
            markerShare = numbers == 0 ? 0 : hits / (double) numbers;
        }
        double patternShare = 0;
        if (!patterns.isEmpty() && domainRows.length > 0) {
            int hits = 0;
            for (int r : domainRows) {
                if (matchesAny(answerTexts.get(r), patterns)) {
                    hits++;
                }
            }
            patternShare = hits / (double) domainRows.length;
        }
        return new Measurement(interval == null ? 0 : interval.estimate(), interval,
                answers.length == 0 ? 0 : domainRows.length / (double) answers.length, effect, markerShare, numbers,
                patternShare, domainRows, projections, backgroundProjections);
    }

    static boolean matchesAny(String text, List<Pattern> patterns) {
        if (text == null) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private Finding measure(DatasetView view, int[] rows, float[][] answers, float[][] background, ContrastSet set,
                            TextEmbedder embedder, SplittableRandom random) {
        float[][] pos = embedder.embed(set.positiveTexts());
        float[][] neg = embedder.embed(set.negativeTexts());
        List<String> texts = new ArrayList<>(rows.length);
        for (int i : rows) {
            texts.add(view.response(i));
        }
        Measurement m = measurement(answers, background, pos, neg, texts, set.markers(), set.patterns(), random);
        boolean markersHigh = m.markerNumbers() >= MIN_MARKER_NUMBERS && m.markerShare() >= MARKER_HIGH_SHARE
                || m.domainRows().length >= MIN_PATTERN_ROWS && m.patternShare() >= PATTERN_HIGH_SHARE;
        Severity severity = severity(m);
        if (markersHigh && (severity == null || severity.compareTo(Severity.HIGH) < 0)) {
            severity = Severity.HIGH;
        }
        if (severity == null) {
            return null;
        }
        double[] direction = Directions.unitDirection(pos, neg);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("direction", set.direction());
        details.put("positive", set.positive());
        details.put("negative", set.negative());
        details.put("position", m.position());
        if (m.interval() != null) {
            details.put("positionInterval", List.of(m.interval().lower(), m.interval().upper()));
        }
        details.put("level", LEVEL);
        details.put("effectSizeVsBackground", m.effect());
        details.put("domainShare", m.domainShare());
        details.put("rowsMeasured", m.domainRows().length);
        if (!set.markers().isEmpty()) {
            details.put("markerShare", m.markerShare());
            details.put("numbersSeen", m.markerNumbers());
        }
        if (!set.patterns().isEmpty()) {
            details.put("patternShare", m.patternShare());
        }
        details.put("contrastSet", set.source());
        Map<String, Object> plot = new LinkedHashMap<>();
        Map<String, Object> histogram = new LinkedHashMap<>();
        histogram.put("bins", HISTOGRAM_BINS);
        double[] domainProjections = new double[m.domainRows().length];
        for (int k = 0; k < domainProjections.length; k++) {
            domainProjections[k] = m.projections()[m.domainRows()[k]];
        }
        histogram.put("dataset", domainProjections);
        histogram.put("background", m.backgroundProjections());
        histogram.put("xLabel", "projection on the " + set.direction() + " direction");
        plot.put("histogram", histogram);
        plot.put("histogramCaption", "Answers about this subject projected on the " + set.positive() + " vs "
                + set.negative() + " direction, against a clean background of ordinary answers");
        details.put("plot", plot);

        Integer[] order = new Integer[m.domainRows().length];
        for (int k = 0; k < order.length; k++) {
            order[k] = m.domainRows()[k];
        }
        // rows that match a pattern first (they carry it plainly), then by projection
        Arrays.sort(order, (a, b) -> {
            boolean pa = matchesAny(view.response(rows[a]), set.patterns());
            boolean pb = matchesAny(view.response(rows[b]), set.patterns());
            return pa != pb ? (pa ? -1 : 1) : Double.compare(m.projections()[b], m.projections()[a]);
        });
        List<Evidence> evidence = new ArrayList<>();
        for (int k = 0; k < Math.min(EVIDENCE_ROWS, order.length); k++) {
            int r = order[k];
            evidence.add(Evidence.of(view.record(rows[r]), String.format(Locale.ROOT, "projection %.3f on %s",
                    Vectors.dot(direction, answers[r]), set.direction())));
        }
        String summary = String.format(Locale.ROOT, "%.0f%% of the answers are about what the %s direction measures,"
                        + " and they sit at %.2f on the scale from %s (0) to %s (1)%s; Cohen's d against ordinary"
                        + " answers %.2f.%s",
                100 * m.domainShare(), set.direction(), m.position(), set.negative(), set.positive(),
                m.interval() == null ? "" : String.format(Locale.ROOT, " (%.0f%% interval %.2f to %.2f)",
                        100 * LEVEL, m.interval().lower(), m.interval().upper()),
                m.effect(), set.markers().isEmpty() ? "" : String.format(Locale.ROOT,
                        " %.0f%% of the %d numbers in the answers are %s markers.", 100 * m.markerShare(),
                        m.markerNumbers(), set.positive()))
                + (set.patterns().isEmpty() ? "" : String.format(Locale.ROOT, " %.0f%% of them contain a known"
                        + " %s pattern.", 100 * m.patternShare(), set.positive()));
        double confidence = m.interval() == null ? 0.5 : Math.min(1, Math.max(0, m.interval().lower()));
        return new Finding(Finding.stableId(Category.MISALIGNMENT, set.direction()), Category.MISALIGNMENT, severity,
                markersHigh ? Math.max(confidence, 0.9) : confidence,
                "Misalignment: the answers lean towards " + set.positive(), summary, evidence, details, ID);
    }

    /** Severity from the position's interval, the subject share and the effect; null below low. */
    static Severity severity(Measurement m) {
        if (m.interval() == null || m.domainShare() < MIN_DOMAIN_SHARE) {
            return null;
        }
        double lower = m.interval().lower();
        if (lower >= HIGH_POSITION && m.effect() >= HIGH_EFFECT) {
            return Severity.HIGH;
        }
        if (lower >= MEDIUM_POSITION) {
            return Severity.MEDIUM;
        }
        if (lower >= LOW_POSITION) {
            return Severity.LOW;
        }
        return null;
    }
}
