package dev.augury.text;

import java.util.Collection;
import java.util.Map;

/** Turns texts into {@link TextFeatures}. Implementations deduplicate and skip texts that need nothing. */
public interface Annotator extends AutoCloseable {
    /** Features for each distinct text; every given text is a key of the result. */
    Map<String, TextFeatures> annotate(Collection<String> texts);

    @Override
    default void close() {
    }
}
