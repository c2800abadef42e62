package dev.augury.detect.persona;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One identity of the persona knowledge base ({@code kind: persona-kb}), exactly as written in the pack.
 * Values are kept as written (for reports); {@link PersonaKnowledgeBase} holds their normalized forms.
 *
 * @param id          unique slug ("adolf-hitler")
 * @param name        display name
 * @param aliases     other names the identity is known by
 * @param group       what kind of identity it is
 * @param risk        how harmful it is for a model to take it on
 * @param era         the years of the life, or of the work for fictional identities
 * @param description one line
 * @param attributes  vocabulary key to its values, in the pack's order
 */
public record Identity(String id, String name, List<String> aliases, PersonaGroup group, RiskLevel risk, Era era,
                       String description, Map<String, List<String>> attributes) {
    public Identity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name of " + id);
        Objects.requireNonNull(group, "group of " + id);
        Objects.requireNonNull(risk, "risk of " + id);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        description = description == null ? "" : description;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        attributes = java.util.Collections.unmodifiableMap(copy);
    }

    /** The values of one attribute as written, or an empty list. */
    public List<String> values(String key) {
        return attributes.getOrDefault(key, List.of());
    }

    /**
     * The span of years an identity belongs to; {@code to} is null while it continues. Years before the
     * common era are negative.
     */
    public record Era(Integer from, Integer to) {
    }
}
