package dev.augury.report;

import dev.augury.io.DatasetSource;
import dev.augury.io.Malformed;
import dev.augury.report.policy.PolicyResult;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown report (for pull-request comments and job summaries): the verdict first, then each finding with
 * what its category means and an evidence table, then suppressed findings and warnings. Text from datasets is
 * escaped so it can neither break a table nor inject HTML into a renderer that allows it.
 */
public final class MarkdownWriter {
    /** Evidence rows per finding in the table; a pull-request comment must stay short. */
    static final int EVIDENCE_ROWS = 10;

    public String toMarkdown(Report report, PolicyResult policy) {
        Report shown = policy.applyTo(report);
        StringBuilder md = new StringBuilder();
        md.append("# Augury: ").append(shown.verdict().id().toUpperCase(Locale.ROOT)).append("\n\n");
        List<Finding> blocking = policy.blocking();
        md.append(switch (shown.verdict()) {
            case FAIL -> blocking.size() + " finding(s) at or above `" + shown.failOn().id() + "` block this dataset.";
            case INCONCLUSIVE -> "Inconclusive: too little data to test, and no finding reached `" + shown.failOn().id()
                    + "`.";
            case PASS -> "No finding reached `" + shown.failOn().id() + "`.";
        }).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d finding(s) reported, %d suppressed, %d already in the baseline. "
                        + "Augury %s.%n%n", policy.remaining().size(), policy.suppressed().size(),
                policy.baselined().size(), escape(shown.tool().version())));

        md.append("| dataset | format | records | malformed |\n|---|---|---:|---:|\n");
        for (DatasetSource d : shown.datasets()) {
            md.append("| ").append(escape(d.path())).append(" | ").append(escape(d.format())).append(" | ")
                    .append(d.records()).append(" | ").append(d.malformed()).append(" |\n");
        }
        md.append('\n');

        if (!policy.expired().isEmpty()) {
            md.append("## Expired suppressions\n\n");
            for (PolicyResult.Expired e : policy.expired()) {
                md.append("- ").append(escape(e.entry().label())).append(" expired on ").append(e.entry().until())
                        .append(" and no longer suppresses ").append(escape(String.join(", ", e.findingIds())))
                        .append(": ").append(escape(e.entry().reason())).append('\n');
            }
            md.append('\n');
        }

        if (!policy.remaining().isEmpty()) {
            md.append("## Findings\n\n");
            for (Finding f : policy.remaining()) {
                finding(md, f, f.severity().atLeast(shown.failOn()));
            }
        }
        if (!policy.suppressed().isEmpty()) {
            md.append("## Suppressed findings\n\n| finding | severity | title | suppressed by | reason | until |\n"
                    + "|---|---|---|---|---|---|\n");
            for (PolicyResult.Suppressed s : policy.suppressed()) {
                md.append("| ").append(escape(s.finding().id())).append(" | ").append(s.finding().severity().id())
                        .append(" | ").append(escape(s.finding().title())).append(" | entry ").append(s.entry().number())
                        .append(" | ").append(escape(s.entry().reason())).append(" | ")
                        .append(s.entry().until() == null ? "" : s.entry().until()).append(" |\n");
            }
            md.append('\n');
        }
        if (!shown.warnings().isEmpty()) {
            md.append("## Warnings\n\n");
            shown.warnings().forEach(w -> md.append("- ").append(escape(w)).append('\n'));
            md.append('\n');
        }
        if (!shown.malformedRows().isEmpty()) {
            md.append("## Malformed rows\n\n| file | line | reason |\n|---|---:|---|\n");
            for (Malformed m : shown.malformedRows()) {
                md.append("| ").append(escape(m.source())).append(" | ").append(m.line()).append(" | ")
                        .append(escape(m.reason())).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void finding(StringBuilder md, Finding f, boolean blocks) {
        CategoryText text = CategoryText.of(f.category());
        md.append("### ").append(f.severity().id().toUpperCase(Locale.ROOT)).append(" · ")
                .append(escape(HtmlReportWriter.heading(text.name(), f.title()))).append("\n\n");
        md.append(String.format(Locale.ROOT, "`%s` · confidence %.2f · detector %s%s%n%n", f.id().replace("`", ""),
                f.confidence(), escape(f.detector()), blocks ? " · **blocks the gate**" : ""));
        if (f.summary() != null && !f.summary().isBlank()) {
            md.append(escape(f.summary())).append("\n\n");
        }
        md.append("*What it means:* ").append(escape(text.explanation())).append("\n\n");
        if (!f.evidence().isEmpty()) {
            md.append("| file | line | excerpt | why |\n|---|---:|---|---|\n");
            for (Evidence e : f.evidence().stream().limit(EVIDENCE_ROWS).toList()) {
                md.append("| ").append(escape(e.path())).append(" | ").append(e.line()).append(" | ")
                        .append(escape(e.excerpt())).append(" | ").append(escape(e.note())).append(" |\n");
            }
            if (f.evidence().size() > EVIDENCE_ROWS) {
                md.append("\n").append(f.evidence().size() - EVIDENCE_ROWS)
                        .append(" more row(s) in the JSON and HTML reports.\n");
            }
            md.append('\n');
        }
    }

    /**
     * One line of inert text: HTML-significant characters become entities, Markdown punctuation is
     * backslash-escaped, line breaks become spaces (a table cell is one line).
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r', '\n', '\t' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '(', ')' -> out.append('\\').append(c);
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
