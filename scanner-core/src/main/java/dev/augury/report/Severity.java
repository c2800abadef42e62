package dev.augury.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a finding should worry its reader, in increasing order. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity parse(String text) {
        if (text != null) {
            for (Severity s : values()) {
                if (s.id().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected one of info, low, medium, high, critical)");
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
