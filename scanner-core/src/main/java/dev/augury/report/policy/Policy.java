package dev.augury.report.policy;

import dev.augury.report.Finding;
import dev.augury.report.Report;
import dev.augury.report.Severity;
import dev.augury.report.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies suppressions and a baseline to a report, shared by the CLI and the Maven plugin. Pure: the same
 * inputs give the same result; {@code today} is a parameter so expiry is testable.
 * <p>
 * Order: suppressions first (an active entry accepts the findings it matches; an expired entry accepts none
 * and is reported), then the baseline (a finding whose id the baseline report lists is dropped as known).
 * Entries are checked against every finding of the scan, so "matches nothing" means stale, not baselined.
 */
public final class Policy {
    private Policy() {
    }

    public static PolicyResult apply(Report report, Suppressions suppressions, Report baselineOrNull, LocalDate today) {
        Objects.requireNonNull(today, "today");
        Suppressions entries = suppressions == null ? Suppressions.none() : suppressions;
        Set<String> baselineIds = new HashSet<>();
        if (baselineOrNull != null) {
            baselineOrNull.findings().forEach(f -> baselineIds.add(f.id()));
        }
        Set<Suppression> used = new HashSet<>();
        Map<Suppression, List<String>> expiredMatches = new LinkedHashMap<>();
        List<Finding> remaining = new ArrayList<>();
        List<PolicyResult.Suppressed> suppressed = new ArrayList<>();
        List<String> baselined = new ArrayList<>();
        for (Finding finding : report.findings()) {
            Suppression acceptedBy = null;
            for (Suppression entry : entries.entries()) {
                if (!entry.matches(finding, report.datasets())) {
                    continue;
                }
                used.add(entry);
                if (entry.isExpiredOn(today)) {
                    expiredMatches.computeIfAbsent(entry, e -> new ArrayList<>()).add(finding.id());
                } else if (acceptedBy == null) {
                    acceptedBy = entry;
                }
            }
            if (acceptedBy != null) {
                suppressed.add(new PolicyResult.Suppressed(finding, acceptedBy));
            } else if (baselineIds.contains(finding.id())) {
                baselined.add(finding.id());
            } else {
                remaining.add(finding);
            }
        }
        List<PolicyResult.Expired> expired = new ArrayList<>();
        expiredMatches.forEach((entry, ids) -> expired.add(new PolicyResult.Expired(entry, ids)));
        List<Suppression> unmatched = entries.entries().stream().filter(e -> !used.contains(e)).toList();
        boolean testable = report.verdict() != Verdict.INCONCLUSIVE;
        return new PolicyResult(remaining, suppressed, expired, unmatched, baselined,
                verdict(remaining, report.failOn(), testable), report.failOn(), baselineOrNull != null);
    }

    /**
     * The one verdict rule: FAIL when a finding reaches failOn, else INCONCLUSIVE when the data could not be
     * tested, else PASS. A report that failed before the policy counts as tested: its detectors ran far enough
     * to produce findings at the threshold.
     */
    public static Verdict verdict(List<Finding> findings, Severity failOn, boolean testable) {
        if (findings.stream().anyMatch(f -> f.severity().atLeast(failOn))) {
            return Verdict.FAIL;
        }
        return testable ? Verdict.PASS : Verdict.INCONCLUSIVE;
    }
}
