package dev.augury.scan;

import dev.augury.report.Report;
import dev.augury.report.policy.BaselineReport;
import dev.augury.report.policy.Policy;
import dev.augury.report.policy.PolicyResult;
import dev.augury.report.policy.Suppressions;
import java.time.LocalDate;

/**
 * The suppression file and baseline a {@link ScanConfig} names, loaded once. Front ends load it <em>before</em>
 * the scan, so a typo in the suppression file stops them in a second rather than after a long scan, then
 * {@link #apply} the policy to the report and take the exit code from {@link PolicyResult#verdict()}.
 *
 * @param suppressions the entries (empty when the config names no file)
 * @param baseline     the earlier report, or null
 */
public record ScanPolicy(Suppressions suppressions, Report baseline) {

    /** Reads the files {@code config} names; an unreadable or invalid one is an {@code AuguryException}. */
    public static ScanPolicy load(ScanConfig config) {
        Suppressions entries = config.suppressions() == null ? Suppressions.none()
                : Suppressions.load(config.suppressions());
        Report base = config.baseline() == null ? null : BaselineReport.read(config.baseline());
        return new ScanPolicy(entries, base);
    }

    /** No suppressions and no baseline: the report's own verdict stands. */
    public static ScanPolicy none() {
        return new ScanPolicy(Suppressions.none(), null);
    }

    /** Applies the policy with expiry judged on {@code today}. */
    public PolicyResult apply(Report report, LocalDate today) {
        return Policy.apply(report, suppressions, baseline, today);
    }
}
