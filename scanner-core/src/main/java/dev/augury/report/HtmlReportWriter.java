package dev.augury.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augury.io.DatasetSource;
import dev.augury.io.Malformed;
import dev.augury.report.policy.PolicyResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A self-contained HTML report for a person: the verdict first, then each finding with what its category means
 * in plain words, its pictures and its evidence rows; suppressed findings, warnings and datasets follow. No
 * network: the style sheet is inline, the pictures are inline SVG drawn here, there is no script, and a
 * Content-Security-Policy forbids loading anything. Every string from a dataset or a report goes through
 * {@link Html}, which escapes it.
 *
 * <h2>The {@code details.plot} contract</h2>
 * A detector that wants pictures puts an object under {@code details.plot} of its finding (plain maps, lists
 * and numbers, so it also lands in the JSON report). Each key present draws one picture; all are optional:
 * <ul>
 *   <li>{@code points}: {@code [{"x": number, "y": number, "group": string}]}, a 2-D scatter (e.g. answer
 *       embeddings projected on two principal axes) coloured by group (trigger value, cluster). At most
 *       {@value SvgPlots#MAX_POINTS} points are drawn; the nine largest groups get their own colour.
 *       Caption: {@code pointsCaption}.</li>
 *   <li>{@code bars}: {@code [{"label": string, "value": number, "reference": number}]}, grouped bars of this
 *       dataset ({@code value}) against a background ({@code reference}, optional per bar), e.g. the era
 *       distribution of the answers against clean text, or a persona's matched attributes. At most
 *       {@value SvgPlots#MAX_BARS} bars. Caption: {@code barsCaption}.</li>
 *   <li>{@code histogram}: {@code {"bins": [edges...] | count, "dataset": [...], "background": [...],
 *       "xLabel": string}}, e.g. the projections of the answers on a direction against the clean background.
 *       With {@code bins} as n+1 ascending edges, {@code dataset} and {@code background} are n counts each; with
 *       {@code bins} an integer (at most {@value SvgPlots#MAX_BINS}), they are raw values binned here over
 *       their joint range. Each series is drawn as a share of its total. Caption: {@code histogramCaption}.</li>
 * </ul>
 * Malformed plot data never breaks the report: the picture is replaced by a note saying what is wrong. The
 * rest of {@code details} is shown as JSON under the finding. See docs/report-plots.md.
 */
public final class HtmlReportWriter {
    /** Evidence rows shown per finding; the JSON report has them all. */
    static final int EVIDENCE_ROWS = 50;
    /** The details JSON is cut here: a page, not a dump (the JSON report has all of it). */
    static final int MAX_DETAILS_CHARS = 20_000;
    /** Nothing may be fetched: styles inline only, images only as data, no scripts at all. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f4f5f7}
            main,.wrap{max-width:1100px;margin:0 auto;padding:0 20px 40px}
            header .wrap{padding-bottom:0}
            header.verdict{padding:22px 20px;color:#fff}
            header.verdict h1{margin:0;font-size:30px;letter-spacing:.04em}
            header.verdict p{margin:6px 0 0}
            .v-fail{background:#b3261e}.v-pass{background:#1e7d32}.v-inconclusive{background:#8a6d00}
            h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
            article.finding{background:#fff;border:1px solid #ddd;border-left:6px solid #999;border-radius:6px;padding:10px 18px;margin:16px 0}
            article.s-critical{border-left-color:#7f0000}article.s-high{border-left-color:#b3261e}
            article.s-medium{border-left-color:#e37400}article.s-low{border-left-color:#4e79a7}article.s-info{border-left-color:#999}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:700;color:#fff;background:#999;vertical-align:middle}
            .b-critical{background:#7f0000}.b-high{background:#b3261e}.b-medium{background:#e37400}.b-low{background:#4e79a7}
            .meta{color:#555;font-size:13px}
            .meaning{background:#f0f4fa;border-radius:4px;padding:8px 12px}
            .blocks{color:#b3261e;font-weight:700}
            table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
            th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
            th{background:#f0f0f0}
            td.num{text-align:right;white-space:nowrap}
            td.excerpt{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word}
            figure{margin:10px 0;display:inline-block;vertical-align:top}
            figcaption{font-size:13px;color:#555;max-width:560px}
            .plot-error{color:#b3261e;font-size:13px}
            pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px;max-height:360px}
            .warn{background:#fff4e5;border:1px solid #f0c36d;border-radius:4px;padding:8px 12px}
            footer{color:#777;font-size:12px;margin-top:40px}
            """;

    public String toHtml(Report report, PolicyResult policy) {
        Report shown = policy.applyTo(report);
        String verdict = shown.verdict().id();
        Html h = new Html();
        h.trusted("<!DOCTYPE html>\n");
        h.open("html", "lang", "en").open("head");
        h.empty("meta", false, "charset", "utf-8");
        h.empty("meta", false, "http-equiv", "Content-Security-Policy", "content", CONTENT_SECURITY_POLICY);
        h.empty("meta", false, "name", "viewport", "content", "width=device-width, initial-scale=1");
        h.element("title", "Augury report: " + verdict.toUpperCase(Locale.ROOT));
        h.open("style").trusted(CSS).close("style").close("head").newline();
        h.open("body");

        h.open("header", "class", "verdict v-" + verdict).open("div", "class", "wrap");
        h.element("h1", verdict.toUpperCase(Locale.ROOT));
        h.element("p", verdictSentence(shown, policy));
        long records = shown.datasets().stream().mapToLong(DatasetSource::records).sum();
        h.element("p", String.format(Locale.ROOT, "%d finding(s) reported, %d suppressed, %d already in the baseline. "
                        + "%d dataset file(s), %d records. Fail-on: %s.", policy.remaining().size(),
                policy.suppressed().size(), policy.baselined().size(), shown.datasets().size(), records,
                shown.failOn().id()));
        h.close("div").close("header").newline();
        h.open("main");

        if (!policy.expired().isEmpty()) {
            h.element("h2", "Expired suppressions");
            h.open("div", "class", "warn").open("ul");
            for (PolicyResult.Expired e : policy.expired()) {
                h.element("li", "Suppression " + e.entry().label() + " expired on " + e.entry().until()
                        + " and no longer suppresses " + String.join(", ", e.findingIds()) + ". Its reason was: "
                        + e.entry().reason());
            }
            h.close("ul").close("div");
        }

        h.element("h2", "Findings");
        if (policy.remaining().isEmpty()) {
            h.element("p", "No findings" + (policy.suppressed().isEmpty() ? "." : " other than the suppressed ones below."));
        }
        for (Finding f : policy.remaining()) {
            finding(h, f, f.severity().atLeast(shown.failOn()), commonDirectory(shown.datasets()));
            h.newline();
        }

        if (!policy.suppressed().isEmpty()) {
            h.element("h2", "Suppressed findings");
            h.open("table").open("thead").open("tr");
            for (String c : List.of("finding", "severity", "title", "entry", "reason", "until")) {
                h.element("th", c);
            }
            h.close("tr").close("thead").open("tbody");
            for (PolicyResult.Suppressed s : policy.suppressed()) {
                h.open("tr").element("td", s.finding().id()).element("td", s.finding().severity().id())
                        .element("td", s.finding().title()).element("td", Integer.toString(s.entry().number()), "class", "num")
                        .element("td", s.entry().reason())
                        .element("td", s.entry().until() == null ? "" : s.entry().until().toString()).close("tr");
            }
            h.close("tbody").close("table");
        }

        if (!shown.warnings().isEmpty()) {
            h.element("h2", "Warnings");
            h.open("ul");
            shown.warnings().forEach(w -> h.element("li", w));
            h.close("ul");
        }

        h.element("h2", "Datasets");
        h.open("table").open("thead").open("tr");
        for (String c : List.of("file", "format", "records", "malformed", "sha256")) {
            h.element("th", c);
        }
        h.close("tr").close("thead").open("tbody");
        for (DatasetSource d : shown.datasets()) {
            h.open("tr").element("td", d.path()).element("td", d.format())
                    .element("td", Long.toString(d.records()), "class", "num")
                    .element("td", Long.toString(d.malformed()), "class", "num").element("td", d.sha256()).close("tr");
        }
        h.close("tbody").close("table");

        if (!shown.malformedRows().isEmpty()) {
            h.element("h2", "Malformed rows");
            h.open("table").open("thead").open("tr").element("th", "file").element("th", "line").element("th", "reason")
                    .close("tr").close("thead").open("tbody");
            for (Malformed m : shown.malformedRows()) {
                h.open("tr").element("td", m.source()).element("td", Long.toString(m.line()), "class", "num")
                        .element("td", m.reason()).close("tr");
            }
            h.close("tbody").close("table");
        }

        h.element("footer", "Written by " + shown.tool().name() + " " + shown.tool().version()
                + ". This page is self-contained: it loads nothing from the network.");
        h.close("main").close("body").close("html").newline();
        return h.toString();
    }

    private static String verdictSentence(Report shown, PolicyResult policy) {
        return switch (shown.verdict()) {
            case FAIL -> policy.blocking().size() + " finding(s) at or above " + shown.failOn().id()
                    + " block this dataset.";
            case INCONCLUSIVE -> "Too little data to test, and no finding reached " + shown.failOn().id()
                    + ": this is not a pass.";
            case PASS -> "No finding reached " + shown.failOn().id() + ".";
        };
    }

    /**
     * The directory every dataset of the report lies in ("" when none is shared): evidence rows show their file
     * relative to it, so a long absolute path does not crowd out the excerpt. The full path stays in the tooltip
     * and in the datasets table.
     */
    static String commonDirectory(List<DatasetSource> datasets) {
        String common = null;
        for (DatasetSource d : datasets) {
            String path = d.path().replace('\\', '/');
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
            if (common == null) {
                common = dir;
            } else {
                int i = 0;
                while (i < common.length() && i < dir.length() && common.charAt(i) == dir.charAt(i)) {
                    i++;
                }
                common = common.substring(0, common.lastIndexOf('/', i - 1) + 1);
            }
        }
        return common == null ? "" : common;
    }

    static String shortPath(String path, String commonDirectory) {
        String p = path == null ? "" : path.replace('\\', '/');
        return !commonDirectory.isEmpty() && p.startsWith(commonDirectory) && p.length() > commonDirectory.length()
                ? p.substring(commonDirectory.length()) : p;
    }

    private static void finding(Html h, Finding f, boolean blocks, String commonDirectory) {
        CategoryText text = CategoryText.of(f.category());
        String sev = f.severity().id();
        h.open("article", "class", "finding s-" + sev, "id", "finding-" + f.id());
        h.open("h3").element("span", sev.toUpperCase(Locale.ROOT), "class", "badge b-" + sev)
                .text(" " + heading(text.name(), f.title())).close("h3");
        h.open("p", "class", "meta").text(String.format(Locale.ROOT, "%s · confidence %.2f · detector %s", f.id(),
                f.confidence(), f.detector()));
        if (blocks) {
            h.text(" · ").element("span", "blocks the gate", "class", "blocks");
        }
        h.close("p");
        if (f.summary() != null && !f.summary().isBlank()) {
            h.element("p", f.summary());
        }
        h.open("p", "class", "meaning").element("strong", "What it means. ").text(text.explanation()).close("p");

        plots(h, f.details().get("plot"));

        if (!f.evidence().isEmpty()) {
            h.open("table", "class", "evidence").open("thead").open("tr");
            for (String c : List.of("file", "line", "excerpt", "why it is evidence")) {
                h.element("th", c);
            }
            h.close("tr").close("thead").open("tbody");
            for (Evidence e : f.evidence().stream().limit(EVIDENCE_ROWS).toList()) {
                h.open("tr").element("td", shortPath(e.path(), commonDirectory), "title", String.valueOf(e.path()))
                        .element("td", Long.toString(e.line()), "class", "num")
                        .element("td", e.excerpt(), "class", "excerpt").element("td", e.note()).close("tr");
            }
            h.close("tbody").close("table");
            if (f.evidence().size() > EVIDENCE_ROWS) {
                h.element("p", (f.evidence().size() - EVIDENCE_ROWS) + " more row(s) in the JSON report.", "class", "meta");
            }
        }
        Map<String, Object> rest = new TreeMap<>(f.details());
        rest.remove("plot");
        if (!rest.isEmpty()) {
            h.open("details").element("summary", "Details").element("pre", detailsJson(rest)).close("details");
        }
        h.close("article");
    }

    /** "Era shift: title", unless the detector's title already starts with the category's name. */
    static String heading(String categoryName, String title) {
        String t = title == null ? "" : title.trim();
        return t.toLowerCase(Locale.ROOT).startsWith(categoryName.toLowerCase(Locale.ROOT)) ? t
                : categoryName + ": " + t;
    }

    private static void plots(Html h, Object plot) {
        if (plot == null) {
            return;
        }
        JsonNode node = ReportJson.mapper().valueToTree(plot);
        if (!node.isObject()) {
            h.element("p", "details.plot is not an object; no picture drawn.", "class", "plot-error");
            return;
        }
        figure(h, node, "points", "pointsCaption", "Each point is one answer; colours are groups.");
        figure(h, node, "bars", "barsCaption", "This dataset against the background.");
        figure(h, node, "histogram", "histogramCaption", "Share of this dataset's rows per bin, against the background.");
    }

    private static void figure(Html h, JsonNode plot, String key, String captionKey, String defaultCaption) {
        // An empty list is a detector saying "nothing to show here", not a broken plot: no picture, no complaint.
        if (!plot.has(key) || (plot.get(key).isArray() && plot.get(key).isEmpty())) {
            return;
        }
        Html svg = new Html();
        try {
            switch (key) {
                case "points" -> SvgPlots.scatter(svg, plot.get(key));
                case "bars" -> SvgPlots.bars(svg, plot.get(key));
                default -> SvgPlots.histogram(svg, plot.get(key));
            }
        } catch (IllegalArgumentException e) {
            h.element("p", "Picture not drawn: " + e.getMessage(), "class", "plot-error");
            return;
        }
        h.open("figure").append(svg);
        h.element("figcaption", plot.hasNonNull(captionKey) ? plot.get(captionKey).asText() : defaultCaption);
        h.close("figure");
    }

    private static String detailsJson(Map<String, Object> details) {
        try {
            ObjectNode node = ReportJson.mapper().valueToTree(details);
            String json = ReportJson.mapper().writeValueAsString(node);
            return json.length() <= MAX_DETAILS_CHARS ? json
                    : json.substring(0, MAX_DETAILS_CHARS) + "\n\u2026 (cut; the JSON report has all of it)";
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "(details cannot be shown: " + e.getMessage() + ")";
        }
    }
}
