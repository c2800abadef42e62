package dev.augury.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.augury.io.DatasetSource;
import dev.augury.io.Malformed;
import java.util.List;
import java.util.Map;

/**
 * The JSON report: the contract every front end and CI relies on. Its JSON Schema ships as
 * {@code augury/report.schema.json}; bump {@link #SCHEMA_VERSION} on any incompatible change.
 *
 * @param schemaVersion  version of this layout
 * @param tool           name and version of the scanner
 * @param datasets       one entry per input file
 * @param verdict        pass, fail or inconclusive against {@code failOn}
 * @param failOn         the threshold the verdict was computed with
 * @param findings       sorted by severity (highest first), then category, then id
 * @param malformedRows  the first malformed rows (file, line, reason); their total is in {@code datasets}
 * @param warnings       things a person should know that are not findings (a detector that could not run)
 * @param profile        the dataset profile (sizes, duplicates, templates, narrowness)
 * @param timings        milliseconds per stage; the only part that differs between identical runs
 */
@JsonPropertyOrder({"schemaVersion", "tool", "datasets", "verdict", "failOn", "findings", "malformedRows", "warnings",
        "profile", "timings"})
public record Report(int schemaVersion, Tool tool, List<DatasetSource> datasets, Verdict verdict, Severity failOn,
                     List<Finding> findings, List<Malformed> malformedRows, List<String> warnings, Object profile,
                     Map<String, Long> timings) {
    public static final int SCHEMA_VERSION = 1;
    /** Reports list at most this many malformed rows; the per-file totals are always complete. */
    public static final int MAX_MALFORMED_LISTED = 100;

    /** The scanner's name and version. */
    public record Tool(String name, String version) {
        public static Tool current() {
            String version = Report.class.getPackage().getImplementationVersion();
            return new Tool("augury", version == null ? "dev" : version);
        }
    }

    /** The highest severity among the findings, or null when there are none. */
    public Severity maxSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(null);
    }

    /** Findings at or above the threshold: what makes the verdict fail. */
    public List<Finding> blocking() {
        return findings.stream().filter(f -> f.severity().atLeast(failOn)).toList();
    }
}
