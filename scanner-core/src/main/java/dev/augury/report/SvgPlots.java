package dev.augury.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the pictures of a finding's {@code details.plot} as inline SVG, computed here in Java so the HTML
 * report needs no script and no network. The contract detector authors fill is documented in
 * {@link HtmlReportWriter} and docs/report-plots.md. Malformed plot data raises
 * {@link IllegalArgumentException} with what is wrong; the writer shows that message instead of the picture.
 */
final class SvgPlots {
    /** More points than this only blur into a blot and bloat the page; the first ones are drawn. */
    static final int MAX_POINTS = 2000;
    /** More bars than this cannot be labelled legibly at this width. */
    static final int MAX_BARS = 40;
    /** Bins beyond this are thinner than a pixel at this width. */
    static final int MAX_BINS = 200;
    /** Colours for the largest groups (Tableau 10 minus grey); the rest share {@link #OTHER_COLOUR}. */
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f");
    static final String OTHER_COLOUR = "#bab0ac";
    static final String DATASET_COLOUR = "#4e79a7";
    static final String BACKGROUND_COLOUR = "#bab0ac";

    private static final int WIDTH = 560;
    private static final int HEIGHT = 340;
    private static final int LEFT = 56;
    private static final int RIGHT = 150;
    private static final int TOP = 16;
    private static final int BOTTOM = 64;
    private static final int LABEL_CHARS = 16;

    private SvgPlots() {
    }

    /** details.plot.points: [{x, y, group}] as a scatter coloured by group. */
    static void scatter(Html h, JsonNode points) {
        if (!points.isArray() || points.isEmpty()) {
            throw new IllegalArgumentException("plot.points must be a non-empty array of {x, y, group}");
        }
        List<double[]> xy = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (JsonNode p : points) {
            if (xy.size() == MAX_POINTS) {
                break;
            }
            double x = number(p, "x", "plot.points[]");
            double y = number(p, "y", "plot.points[]");
            xy.add(new double[]{x, y});
            groups.add(p.hasNonNull("group") ? p.get("group").asText() : "");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        groups.forEach(g -> counts.merge(g, 1, Integer::sum));
        List<String> order = new ArrayList<>(counts.keySet());
        order.sort(Comparator.comparing((String g) -> -counts.get(g)).thenComparing(g -> g));
        Map<String, String> colour = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            colour.put(order.get(i), i < PALETTE.size() ? PALETTE.get(i) : OTHER_COLOUR);
        }
        double[] xr = range(xy.stream().mapToDouble(a -> a[0]).toArray());
        double[] yr = range(xy.stream().mapToDouble(a -> a[1]).toArray());
        open(h, "scatter", "Scatter plot of " + xy.size() + " points in " + order.size() + " group(s)");
        axes(h, xr, yr);
        for (int i = 0; i < xy.size(); i++) {
            h.empty("circle", true, "cx", fmt(sx(xy.get(i)[0], xr)), "cy", fmt(sy(xy.get(i)[1], yr)), "r", "3",
                    "fill", colour.get(groups.get(i)), "fill-opacity", "0.75");
        }
        List<String[]> legend = new ArrayList<>();
        for (int i = 0; i < Math.min(order.size(), PALETTE.size()); i++) {
            String g = order.get(i);
            legend.add(new String[]{PALETTE.get(i), (g.isEmpty() ? "(no group)" : g) + " (" + counts.get(g) + ")"});
        }
        if (order.size() > PALETTE.size()) {
            int rest = order.subList(PALETTE.size(), order.size()).stream().mapToInt(counts::get).sum();
            legend.add(new String[]{OTHER_COLOUR, (order.size() - PALETTE.size()) + " other groups (" + rest + ")"});
        }
        legend(h, legend);
        h.close("svg");
    }

    /** details.plot.bars: [{label, value, reference}] as grouped bars, dataset against background. */
    static void bars(Html h, JsonNode bars) {
        if (!bars.isArray() || bars.isEmpty()) {
            throw new IllegalArgumentException("plot.bars must be a non-empty array of {label, value, reference}");
        }
        int n = Math.min(bars.size(), MAX_BARS);
        String[] labels = new String[n];
        double[] values = new double[n];
        Double[] references = new Double[n];
        boolean anyReference = false;
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < n; i++) {
            JsonNode b = bars.get(i);
            labels[i] = b.hasNonNull("label") ? b.get("label").asText() : Integer.toString(i + 1);
            values[i] = number(b, "value", "plot.bars[]");
            lo = Math.min(lo, values[i]);
            hi = Math.max(hi, values[i]);
            if (b.hasNonNull("reference")) {
                references[i] = number(b, "reference", "plot.bars[]");
                anyReference = true;
                lo = Math.min(lo, references[i]);
                hi = Math.max(hi, references[i]);
            }
        }
        double[] yr = hi == lo ? new double[]{lo, lo + 1} : new double[]{lo, hi};
        open(h, "bars", "Bar chart of " + n + " categories" + (anyReference ? ", dataset against background" : ""));
        axes(h, null, yr);
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        double barWidth = slot * (anyReference ? 0.4 : 0.7);
        double zero = sy(0, yr);
        for (int i = 0; i < n; i++) {
            double x0 = LEFT + i * slot + slot * 0.1;
            bar(h, x0, barWidth, zero, sy(values[i], yr), DATASET_COLOUR, labels[i] + ": " + fmt(values[i]));
            if (references[i] != null) {
                bar(h, x0 + barWidth, barWidth, zero, sy(references[i], yr), BACKGROUND_COLOUR,
                        labels[i] + " (background): " + fmt(references[i]));
            }
            double cx = LEFT + (i + 0.5) * slot;
            double cy = HEIGHT - BOTTOM + 12;
            h.open("text", "x", fmt(cx), "y", fmt(cy), "font-size", "10", "text-anchor", "end",
                    "transform", "rotate(-35 " + fmt(cx) + " " + fmt(cy) + ")");
            h.open("title").text(labels[i]).close("title").text(shorten(labels[i])).close("text");
        }
        List<String[]> legend = new ArrayList<>();
        legend.add(new String[]{DATASET_COLOUR, "this dataset"});
        if (anyReference) {
            legend.add(new String[]{BACKGROUND_COLOUR, "background"});
        }
        legend(h, legend);
        h.close("svg");
    }

    /**
     * details.plot.histogram: {bins, dataset, background, xLabel}. {@code bins} is either n+1 ascending edges
     * with n counts per series, or a bin count with raw values per series (binned here over their joint range).
     * Each series is drawn as a share of its own total, so sets of different sizes compare.
     */
    static void histogram(Html h, JsonNode histogram) {
        if (!histogram.isObject()) {
            throw new IllegalArgumentException("plot.histogram must be an object {bins, dataset, background}");
        }
        JsonNode bins = histogram.path("bins");
        double[] dataset = numbers(histogram.path("dataset"), "plot.histogram.dataset");
        double[] background = histogram.has("background")
                ? numbers(histogram.path("background"), "plot.histogram.background") : new double[0];
        double[] edges;
        if (bins.isArray()) {
            edges = numbers(bins, "plot.histogram.bins");
            int n = edges.length - 1;
            if (n < 1 || n > MAX_BINS) {
                throw new IllegalArgumentException("plot.histogram.bins must hold 2 to " + (MAX_BINS + 1) + " edges");
            }
            for (int i = 0; i < n; i++) {
                if (!(edges[i] < edges[i + 1])) {
                    throw new IllegalArgumentException("plot.histogram.bins must be strictly ascending");
                }
            }
            if (dataset.length != n || (background.length != 0 && background.length != n)) {
                throw new IllegalArgumentException("plot.histogram: with " + (n + 1) + " bin edges, dataset and background "
                        + "must hold " + n + " counts each");
            }
        } else if (bins.isIntegralNumber() && bins.asInt() >= 1 && bins.asInt() <= MAX_BINS) {
            int n = bins.asInt();
            double[] all = new double[dataset.length + background.length];
            System.arraycopy(dataset, 0, all, 0, dataset.length);
            System.arraycopy(background, 0, all, dataset.length, background.length);
            if (all.length == 0) {
                throw new IllegalArgumentException("plot.histogram has no values");
            }
            double[] r = range(all);
            edges = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                edges[i] = r[0] + (r[1] - r[0]) * i / n;
            }
            dataset = count(dataset, edges);
            background = background.length == 0 ? background : count(background, edges);
        } else {
            throw new IllegalArgumentException("plot.histogram.bins must be an array of edges or a bin count from 1 to "
                    + MAX_BINS);
        }
        double[] d = shares(dataset);
        double[] b = background.length == 0 ? null : shares(background);
        double hi = 0;
        for (int i = 0; i < d.length; i++) {
            hi = Math.max(hi, Math.max(d[i], b == null ? 0 : b[i]));
        }
        double[] xr = {edges[0], edges[edges.length - 1]};
        double[] yr = {0, hi > 0 ? hi : 1};
        open(h, "histogram", "Histogram of " + d.length + " bins" + (b == null ? "" : ", dataset against background"));
        axes(h, xr, yr);
        double zero = sy(0, yr);
        for (int i = 0; i < d.length; i++) {
            double x0 = sx(edges[i], xr);
            double w = Math.max(0.5, sx(edges[i + 1], xr) - x0);
            String range = "[" + fmt(edges[i]) + ", " + fmt(edges[i + 1]) + ")";
            if (b != null) {
                bar(h, x0, w, zero, sy(b[i], yr), BACKGROUND_COLOUR, "background " + range + ": " + pct(b[i]));
            }
            // Drawn over the background, half transparent, so both shapes stay visible where they overlap.
            bar(h, x0, w, zero, sy(d[i], yr), DATASET_COLOUR, "0.6", "this dataset " + range + ": " + pct(d[i]));
        }
        if (histogram.hasNonNull("xLabel")) {
            h.element("text", histogram.get("xLabel").asText(), "x", fmt(LEFT + (WIDTH - LEFT - RIGHT) / 2.0),
                    "y", fmt(HEIGHT - 18), "font-size", "11", "text-anchor", "middle");
        }
        List<String[]> legend = new ArrayList<>();
        legend.add(new String[]{DATASET_COLOUR, "this dataset (share)"});
        if (b != null) {
            legend.add(new String[]{BACKGROUND_COLOUR, "background (share)"});
        }
        legend(h, legend);
        h.close("svg");
    }

    private static void open(Html h, String kind, String label) {
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "plot plot-" + kind, "width", Integer.toString(WIDTH),
                "height", Integer.toString(HEIGHT), "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "role", "img",
                "aria-label", label);
        h.element("title", label);
        h.empty("rect", true, "x", Integer.toString(LEFT), "y", Integer.toString(TOP),
                "width", Integer.toString(WIDTH - LEFT - RIGHT), "height", Integer.toString(HEIGHT - TOP - BOTTOM),
                "fill", "#fafafa", "stroke", "#ccc");
    }

    /** Tick labels at both ends and the middle of each axis; the x axis is skipped for bar charts. */
    private static void axes(Html h, double[] xr, double[] yr) {
        for (int i = 0; i <= 2; i++) {
            double v = yr[0] + (yr[1] - yr[0]) * i / 2;
            double y = sy(v, yr);
            h.empty("line", true, "x1", fmt(LEFT - 4), "y1", fmt(y), "x2", fmt(WIDTH - RIGHT), "y2", fmt(y),
                    "stroke", "#e3e3e3");
            h.element("text", fmt(v), "x", fmt(LEFT - 6), "y", fmt(y + 4), "font-size", "10", "text-anchor", "end");
            if (xr != null) {
                double xv = xr[0] + (xr[1] - xr[0]) * i / 2;
                h.element("text", fmt(xv), "x", fmt(sx(xv, xr)), "y", fmt(HEIGHT - BOTTOM + 14), "font-size", "10",
                        "text-anchor", "middle");
            }
        }
    }

    private static void legend(Html h, List<String[]> entries) {
        double x = WIDTH - RIGHT + 12;
        for (int i = 0; i < entries.size(); i++) {
            double y = TOP + 8 + i * 18;
            h.empty("rect", true, "x", fmt(x), "y", fmt(y), "width", "10", "height", "10", "fill", entries.get(i)[0]);
            h.open("text", "x", fmt(x + 15), "y", fmt(y + 9), "font-size", "11");
            h.open("title").text(entries.get(i)[1]).close("title").text(shorten(entries.get(i)[1])).close("text");
        }
    }

    private static void bar(Html h, double x, double w, double zero, double top, String fill, String tip) {
        bar(h, x, w, zero, top, fill, null, tip);
    }

    private static void bar(Html h, double x, double w, double zero, double top, String fill, String opacity, String tip) {
        h.open("rect", "x", fmt(x), "y", fmt(Math.min(zero, top)), "width", fmt(w), "height", fmt(Math.abs(zero - top)),
                "fill", fill, "fill-opacity", opacity);
        h.element("title", tip).close("rect");
    }

    private static double sx(double v, double[] r) {
        return LEFT + (v - r[0]) / (r[1] - r[0]) * (WIDTH - LEFT - RIGHT);
    }

    private static double sy(double v, double[] r) {
        return HEIGHT - BOTTOM - (v - r[0]) / (r[1] - r[0]) * (HEIGHT - TOP - BOTTOM);
    }

    /** The values' range padded by 5% each side (so points do not sit on the frame); never empty. */
    private static double[] range(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (hi == lo) {
            return new double[]{lo - 1, hi + 1};
        }
        double pad = (hi - lo) * 0.05;
        return new double[]{lo - pad, hi + pad};
    }

    private static double[] count(double[] values, double[] edges) {
        int n = edges.length - 1;
        double[] counts = new double[n];
        for (double v : values) {
            int i = (int) Math.floor((v - edges[0]) / (edges[n] - edges[0]) * n);
            counts[Math.max(0, Math.min(n - 1, i))]++;
        }
        return counts;
    }

    private static double[] shares(double[] counts) {
        double total = 0;
        for (double c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("plot.histogram counts must not be negative");
            }
            total += c;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = total == 0 ? 0 : counts[i] / total;
        }
        return out;
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(where + "." + field + " must be a finite number");
        }
        return v.asDouble();
    }

    private static double[] numbers(JsonNode array, String where) {
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + " must be an array of numbers");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new IllegalArgumentException(where + "[" + i + "] must be a finite number");
            }
            out[i] = v.asDouble();
        }
        return out;
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "\u2026";
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Compact numbers for coordinates and ticks: up to 3 significant decimals, no exponent, no locale. */
    static String fmt(double v) {
        if (Math.abs(v) >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
