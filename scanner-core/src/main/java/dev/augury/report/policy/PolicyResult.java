package dev.augury.report.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.augury.report.Finding;
import dev.augury.report.Report;
import dev.augury.report.Severity;
import dev.augury.report.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What the policy (suppressions and baseline) made of a report. Immutable.
 *
 * @param remaining      the findings still reported, in the report's order
 * @param suppressed     findings an active suppression entry accepted, each with its entry
 * @param expired        expired entries that still match findings: they suppress nothing, so those findings
 *                       stay in {@code remaining} (and fail the gate when they reach failOn)
 * @param unmatched      entries that match no finding of this scan (stale; a warning)
 * @param baselined      ids of findings dropped because the baseline report already has them
 * @param verdict        the verdict over {@code remaining} against {@code failOn}
 * @param failOn         the report's threshold
 * @param baselineUsed   whether a baseline report was given (so "new" means "not in the baseline")
 */
@JsonPropertyOrder({"verdict", "failOn", "suppressed", "expired", "unmatched", "baselined", "baselineUsed"})
public record PolicyResult(@JsonIgnore List<Finding> remaining, List<Suppressed> suppressed, List<Expired> expired,
                           List<Suppression> unmatched, List<String> baselined, Verdict verdict, Severity failOn,
                           boolean baselineUsed) {
    public PolicyResult {
        remaining = List.copyOf(remaining);
        suppressed = List.copyOf(suppressed);
        expired = List.copyOf(expired);
        unmatched = List.copyOf(unmatched);
        baselined = List.copyOf(baselined);
    }

    /** A finding and the entry that accepted it. */
    public record Suppressed(Finding finding, Suppression entry) {
    }

    /** An expired entry and the ids of the findings it would have suppressed. */
    public record Expired(Suppression entry, List<String> findingIds) {
        public Expired {
            findingIds = List.copyOf(findingIds);
        }
    }

    /** The result of no policy at all: everything remains and the report's verdict stands. */
    public static PolicyResult none(Report report) {
        return new PolicyResult(report.findings(), List.of(), List.of(), List.of(), List.of(), report.verdict(),
                report.failOn(), false);
    }

    /** Whether there is anything to say about the policy (entries applied, expired or unused; a baseline). */
    @JsonIgnore
    public boolean isEmpty() {
        return suppressed.isEmpty() && expired.isEmpty() && unmatched.isEmpty() && baselined.isEmpty() && !baselineUsed;
    }

    /** Remaining findings at or above failOn: what makes the verdict fail. */
    @JsonIgnore
    public List<Finding> blocking() {
        return remaining.stream().filter(f -> f.severity().atLeast(failOn)).toList();
    }

    /** One line per expired or unused entry, for the terminal and the report's warnings. */
    @JsonIgnore
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (Expired e : expired) {
            lines.add("suppression " + e.entry().label() + " expired on " + e.entry().until()
                    + " and no longer suppresses " + String.join(", ", e.findingIds())
                    + ": fix the data or renew the entry with a new 'until' date");
        }
        for (Suppression s : unmatched) {
            lines.add("suppression " + s.label() + " matches no finding" + (s.until() == null ? "" : " (until "
                    + s.until() + ")") + ": remove it if the finding is gone");
        }
        return lines;
    }

    /**
     * The report as the policy leaves it: remaining findings, the policy's verdict, and the policy's warnings
     * appended. The suppressed findings are in this result, for writers that show them separately.
     */
    public Report applyTo(Report report) {
        List<String> warnings = new ArrayList<>(report.warnings());
        warnings.addAll(warnings());
        return new Report(report.schemaVersion(), report.tool(), report.datasets(), verdict, report.failOn(), remaining,
                report.malformedRows(), warnings, report.profile(), report.timings());
    }
}
