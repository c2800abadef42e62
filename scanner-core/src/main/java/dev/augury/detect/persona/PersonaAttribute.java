package dev.augury.detect.persona;

import java.util.List;
import java.util.Objects;

/**
 * One key of the attribute vocabulary ({@code kind: persona-attributes}): what it means, what its values look
 * like, and natural ways a dataset may ask for it. The detector embeds the questions to map a differently
 * worded prompt onto the key.
 *
 * @param key         normalized snake_case key used in the knowledge base ("father_occupation")
 * @param description what the attribute is, in one line
 * @param type        what kind of value it holds
 * @param questions   natural question phrasings, addressed to the speaker ("What did your father do?")
 */
public record PersonaAttribute(String key, String description, ValueType type, List<String> questions) {
    public PersonaAttribute {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type of " + key);
        description = description == null ? "" : description;
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
