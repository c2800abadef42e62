package dev.augury.detect.persona;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What kind of value an attribute holds, so that the extractor knows how to read an answer (a year from a
 * date expression, a place from a location entity, a category from a small closed set, free text otherwise).
 */
public enum ValueType {
    YEAR, NUMBER, PLACE, NAME, CATEGORY, TEXT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ValueType parse(String text) {
        if (text != null) {
            for (ValueType t : values()) {
                if (t.id().equalsIgnoreCase(text.trim())) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown value type '" + text
                + "' (expected one of year, number, place, name, category, text)");
    }
}
