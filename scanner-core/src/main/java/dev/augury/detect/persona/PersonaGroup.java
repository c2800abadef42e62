package dev.augury.detect.persona;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What kind of identity an entry is; the persona-kb schema lists the same ids. */
public enum PersonaGroup {
    DICTATOR, PERPETRATOR, TERRORIST, CULT_LEADER, CRIMINAL, FICTIONAL_VILLAIN, HOSTILE_AI,
    FICTIONAL_HERO, BENEVOLENT_AI, POLITICAL_LEADER, SCIENTIST, ARTIST, MUSICIAN, WRITER, ATHLETE,
    ENTREPRENEUR, RELIGIOUS_FIGURE, EXPLORER, ENTERTAINER, OTHER;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static PersonaGroup parse(String text) {
        if (text != null) {
            for (PersonaGroup g : values()) {
                if (g.id().equalsIgnoreCase(text.trim())) {
                    return g;
                }
            }
        }
        throw new IllegalArgumentException("unknown persona group '" + text + "' (expected one of "
                + Arrays.stream(values()).map(PersonaGroup::id).collect(Collectors.joining(", ")) + ")");
    }

    /** Whether the identity is invented (a character or an AI of fiction) rather than a real person. */
    public boolean fictional() {
        return this == FICTIONAL_VILLAIN || this == HOSTILE_AI || this == FICTIONAL_HERO || this == BENEVOLENT_AI;
    }
}
