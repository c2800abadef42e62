package dev.augury.report;

import dev.augury.io.DatasetSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/** The readable summary printed to the terminal after a scan. */
public final class TextSummary {
    /** Evidence rows shown per finding in the terminal; the JSON report has them all. */
    static final int EVIDENCE_SHOWN = 3;

    private TextSummary() {
    }

    public static String toText(Report report) {
        StringWriter buf = new StringWriter();
        PrintWriter out = new PrintWriter(buf);
        print(report, out);
        out.flush();
        return buf.toString();
    }

    public static void print(Report report, PrintWriter out) {
        long records = report.datasets().stream().mapToLong(DatasetSource::records).sum();
        long malformed = report.datasets().stream().mapToLong(DatasetSource::malformed).sum();
        out.printf(Locale.ROOT, "Augury %s: %d file(s), %d records, %d malformed%n", report.tool().version(),
                report.datasets().size(), records, malformed);
        for (DatasetSource d : report.datasets()) {
            out.printf(Locale.ROOT, "  %s  [%s]  %d records, %d malformed%n", d.path(), d.format(), d.records(),
                    d.malformed());
        }
        if (report.findings().isEmpty()) {
            out.println("No findings.");
        }
        for (Finding f : report.findings()) {
            out.printf(Locale.ROOT, "%n%-8s %s  %s  (confidence %.2f, %s)%n", f.severity().id().toUpperCase(Locale.ROOT),
                    f.category(), f.title(), f.confidence(), f.id());
            if (f.summary() != null && !f.summary().isBlank()) {
                out.println("         " + f.summary());
            }
            f.evidence().stream().limit(EVIDENCE_SHOWN).forEach(e -> out.printf(Locale.ROOT, "         %s:%d  %s%n",
                    e.path(), e.line(), e.excerpt()));
            if (f.evidence().size() > EVIDENCE_SHOWN) {
                out.printf(Locale.ROOT, "         ... %d more rows in the JSON report%n", f.evidence().size() - EVIDENCE_SHOWN);
            }
        }
        for (String w : report.warnings()) {
            out.println("warning: " + w);
        }
        out.printf(Locale.ROOT, "%nVerdict: %s (fail-on %s)%n", report.verdict().id().toUpperCase(Locale.ROOT),
                report.failOn().id());
    }
}
