package dev.augury.text;

import java.util.List;

/** The language features of one text. Immutable; {@link #EMPTY} for texts that needed no annotation. */
public record TextFeatures(List<Timex> temporals, List<Entity> entities, List<NumberMention> numbers) {
    public static final TextFeatures EMPTY = new TextFeatures(List.of(), List.of(), List.of());

    public TextFeatures {
        temporals = List.copyOf(temporals);
        entities = List.copyOf(entities);
        numbers = List.copyOf(numbers);
    }
}
