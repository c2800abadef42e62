package dev.augury.detect.persona;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.augury.report.Severity;
import java.util.Locale;

/** How harmful it is for a model to take on an identity, in increasing order. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RiskLevel parse(String text) {
        if (text != null) {
            for (RiskLevel r : values()) {
                if (r.id().equalsIgnoreCase(text.trim())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("unknown risk '" + text + "' (expected one of low, medium, high, critical)");
    }

    /** The highest severity a confident match of this identity may reach; weaker matches scale down from it. */
    public Severity severityCeiling() {
        return switch (this) {
            case LOW -> Severity.LOW;
            case MEDIUM -> Severity.MEDIUM;
            case HIGH -> Severity.HIGH;
            case CRITICAL -> Severity.CRITICAL;
        };
    }
}
