package dev.augury.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of a scan against the fail-on threshold. */
public enum Verdict {
    /** Nothing reached the threshold. */
    PASS,
    /** At least one finding reached the threshold. */
    FAIL,
    /** Nothing reached the threshold, but the data could not be tested (too few records, nothing readable). */
    INCONCLUSIVE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
