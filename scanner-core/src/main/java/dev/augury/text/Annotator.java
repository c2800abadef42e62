package dev.augury.text;

import java.util.Collection;
import java.util.Map;

/** Turns texts into {@link TextFeatures}. Implementations deduplicate and skip texts that need nothing. */
public interface Annotator extends AutoCloseable {
    /** Features for each distinct text; every given text is a key of the result. */
    Map<String, TextFeatures> annotate(Collection<String> texts);

    /**
     * Names what this annotator computes, so that its features can be cached on disk: equal ids must give equal
     * features for every text. Null (the default) means never cache.
     */
    default String cacheId() {
        return null;
    }

    @Override
    default void close() {
    }
}
